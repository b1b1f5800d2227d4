package org.nodeim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SocketIoCodecTest {

    @Nested
    class Decoding {

        @Test
        void connectWithoutPayload() throws Exception {
            var packet = SocketIoCodec.decode("0");
            assertThat(packet.type()).isEqualTo(SocketPacket.Type.CONNECT);
            assertThat(packet.namespace()).isEqualTo("/");
            assertThat(packet.ackId()).isNull();
            assertThat(packet.payload()).isNull();
        }

        @Test
        void connectWithAuth() throws Exception {
            var packet = SocketIoCodec.decode("0{\"token\":\"abc\"}");
            assertThat(packet.payload().asJsonObject().getString("token")).isEqualTo("abc");
        }

        @Test
        void connectToOtherNamespace() throws Exception {
            var packet = SocketIoCodec.decode("0/admin,{\"token\":1}");
            assertThat(packet.namespace()).isEqualTo("/admin");
            assertThat(packet.isMainNamespace()).isFalse();
            assertThat(packet.payload().asJsonObject().getInt("token")).isEqualTo(1);
        }

        @Test
        void namespaceWithoutComma() throws Exception {
            var packet = SocketIoCodec.decode("0/admin");
            assertThat(packet.namespace()).isEqualTo("/admin");
            assertThat(packet.payload()).isNull();
        }

        @Test
        void disconnect() throws Exception {
            var packet = SocketIoCodec.decode("1");
            assertThat(packet.type()).isEqualTo(SocketPacket.Type.DISCONNECT);
        }

        @Test
        void eventWithoutAck() throws Exception {
            var packet = SocketIoCodec.decode("2[\"signin\",{\"id\":1,\"data\":{\"username\":\"a\"}}]");
            assertThat(packet.type()).isEqualTo(SocketPacket.Type.EVENT);
            assertThat(packet.ackId()).isNull();
            assertThat(packet.payload().asJsonArray().getString(0)).isEqualTo("signin");
        }

        @Test
        void eventWithAck() throws Exception {
            var packet = SocketIoCodec.decode("212[\"find\",{}]");
            assertThat(packet.ackId()).isEqualTo(12L);
            assertThat(packet.payload().asJsonArray()).hasSize(2);
        }

        @Test
        void eventWithNamespaceAndAck() throws Exception {
            var packet = SocketIoCodec.decode("2/chat,7[\"x\"]");
            assertThat(packet.namespace()).isEqualTo("/chat");
            assertThat(packet.ackId()).isEqualTo(7L);
        }

        @Test
        void ack() throws Exception {
            var packet = SocketIoCodec.decode("35[\"ok\",1]");
            assertThat(packet.type()).isEqualTo(SocketPacket.Type.ACK);
            assertThat(packet.ackId()).isEqualTo(5L);
        }

        @Test
        void connectError() throws Exception {
            var packet = SocketIoCodec.decode("4{\"message\":\"no\"}");
            assertThat(packet.type()).isEqualTo(SocketPacket.Type.CONNECT_ERROR);
        }

        @Test
        void binaryEventAnnouncesItsAttachments() throws Exception {
            var packet = SocketIoCodec.decode("52-[\"up\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            assertThat(packet.type()).isEqualTo(SocketPacket.Type.BINARY_EVENT);
            assertThat(packet.attachments()).isEqualTo(2);
            assertThat(packet.awaitsAttachments()).isTrue();
            var complete = packet.withBuffer(new byte[] {1}).withBuffer(new byte[] {2});
            assertThat(complete.awaitsAttachments()).isFalse();
            assertThat(complete.buffers()).hasSize(2);
        }

        @Test
        void binaryAckWithNamespaceAndId() throws Exception {
            var packet = SocketIoCodec.decode("61-/ns,3[{\"_placeholder\":true,\"num\":0}]");
            assertThat(packet.type()).isEqualTo(SocketPacket.Type.BINARY_ACK);
            assertThat(packet.namespace()).isEqualTo("/ns");
            assertThat(packet.ackId()).isEqualTo(3L);
        }

        @Test
        void unicodeSurvives() throws Exception {
            var packet = SocketIoCodec.decode("2[\"message\",{\"message\":\"你好 👋 é\"}]");
            assertThat(packet.payload().asJsonArray().getJsonObject(1).getString("message")).isEqualTo("你好 👋 é");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "", "7", "9[]", "x", "-", "2", "2{}", "2[]", "2[1]", "2[null]", "2[\"a\"", "2[\"a\"]]",
            "2[\"a\"] trailing", "2abc", "1{}", "0[]", "0\"auth\"", "3{}", "3", "4", "4[1]",
            "5[\"a\"]", "5x-[\"a\"]", "5-[\"a\"]", "5999-[\"a\"]", "21234567890123456[\"a\"]",
            "2[\"a\",]", "2[\"a\",{\"b\":}]", "2[\"\\uZZZZ\"]", "0{\"a\":1", "2/ns,", "2/ns,x"
        })
        void malformedPacketsAreRefused(String text) {
            assertThatThrownBy(() -> SocketIoCodec.decode(text)).isInstanceOf(ProtocolException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"})
        void reservedEventNamesAreRefused(String name) {
            assertThatThrownBy(() -> SocketIoCodec.decode("2[\"" + name + "\",{}]"))
                    .isInstanceOf(ProtocolException.class);
        }

        @Test
        void truncatedInputIsRefusedAtEveryLength() {
            String whole = "2/chat,42[\"message\",{\"to\":1,\"message\":\"<b>hi</b>\"}]";
            for (int length = 0; length < whole.length(); length++) {
                String truncated = whole.substring(0, length);
                if (truncated.equals("2/chat") || truncated.equals("2/chat,") || truncated.matches("2/chat,\\d*")) {
                    continue;
                }
                assertThatThrownBy(() -> SocketIoCodec.decode(truncated))
                        .as("prefix of length %d", length)
                        .isInstanceOf(ProtocolException.class);
            }
        }

        @Test
        void deeplyNestedJsonIsRefusedWithoutRecursion() {
            String deep = "2[\"a\"," + "[".repeat(100_000) + "]".repeat(100_000) + "]";
            assertThatThrownBy(() -> SocketIoCodec.decode(deep)).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("nested");
        }

        @Test
        void nestingUpToTheLimitIsAccepted() throws Exception {
            int depth = SocketIoCodec.MAX_DEPTH - 1;
            String nested = "2[\"a\"," + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "]";
            assertThat(SocketIoCodec.decode(nested).type()).isEqualTo(SocketPacket.Type.EVENT);
        }

        @Test
        void bracketsInsideStringsDoNotCountAsNesting() throws Exception {
            String text = "2[\"a\",\"" + "[{".repeat(1000) + "\\\"\"]";
            assertThat(SocketIoCodec.decode(text).payload().asJsonArray().getString(1)).startsWith("[{[{");
        }

        @Test
        void hugePayloadDecodes() throws Exception {
            String big = "x".repeat(900_000);
            var packet = SocketIoCodec.decode("2[\"message\",{\"message\":\"" + big + "\"}]");
            assertThat(packet.payload().asJsonArray().getJsonObject(1).getString("message")).hasSize(900_000);
        }

        @Test
        void hugeNumbersStayNumbers() throws Exception {
            var packet = SocketIoCodec.decode("2[\"find\",{\"id\":1e999999999}]");
            assertThat(packet.payload().asJsonArray().getJsonObject(1).get("id").getValueType())
                    .isEqualTo(JsonValue.ValueType.NUMBER);
        }
    }

    @Nested
    class Encoding {

        @Test
        void connectReply() {
            var packet = new SocketPacket(SocketPacket.Type.CONNECT, "/", null,
                    Json.createObjectBuilder().add("sid", "abc").build());
            assertThat(SocketIoCodec.encode(packet)).isEqualTo("0{\"sid\":\"abc\"}");
        }

        @Test
        void connectErrorOfOtherNamespace() {
            var packet = new SocketPacket(SocketPacket.Type.CONNECT_ERROR, "/admin", null,
                    Json.createObjectBuilder().add("message", "Invalid namespace").build());
            assertThat(SocketIoCodec.encode(packet)).isEqualTo("4/admin,{\"message\":\"Invalid namespace\"}");
        }

        @Test
        void event() {
            var packet = SocketIoCodec.event("rspn", Json.createObjectBuilder().add("id", 1).build());
            assertThat(SocketIoCodec.encode(packet)).isEqualTo("2[\"rspn\",{\"id\":1}]");
        }

        @Test
        void ack() {
            var packet = SocketIoCodec.ack(42, Json.createObjectBuilder().add("code", 200).build());
            assertThat(SocketIoCodec.encode(packet)).isEqualTo("342[{\"code\":200}]");
        }

        @Test
        void disconnect() {
            assertThat(SocketIoCodec.encode(new SocketPacket(SocketPacket.Type.DISCONNECT, "/", null, null)))
                    .isEqualTo("1");
        }

        @Test
        void binaryEventKeepsAttachmentCount() throws Exception {
            var decoded = SocketIoCodec.decode("51-/ns,9[\"up\",{\"_placeholder\":true,\"num\":0}]");
            assertThat(SocketIoCodec.encode(decoded)).isEqualTo("51-/ns,9[\"up\",{\"_placeholder\":true,\"num\":0}]");
        }

        @Test
        void unicodeIsWrittenAsIs() {
            var packet = SocketIoCodec.event("message", Json.createValue("你好 👋"));
            assertThat(SocketIoCodec.encode(packet)).isEqualTo("2[\"message\",\"你好 👋\"]");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "0", "0{\"a\":1}", "0/x,{\"a\":1}", "1", "1/x,", "2[\"a\"]", "2/x,1[\"a\",{}]", "3[]", "3/x,5[1,\"b\"]",
            "4{\"message\":\"m\"}", "4/x,\"text\""
        })
        void roundTrips(String text) throws Exception {
            assertThat(SocketIoCodec.encode(SocketIoCodec.decode(text))).isEqualTo(text);
        }
    }

    @Nested
    class LoneSurrogates {

        @Test
        void areReplacedInStringsAndNamesWhereverTheyAre() throws Exception {
            var packet = SocketIoCodec.decode("2[\"profile\",{\"doc\":{\"nick\":\"a\\ud800b\",\"x\\udfff\":[\"\\udc00\"]}}]");
            var doc = packet.payload().asJsonArray().getJsonObject(1).getJsonObject("doc");
            assertThat(doc.getString("nick")).isEqualTo("a\uFFFDb");
            assertThat(doc.getJsonArray("x\uFFFD").getString(0)).isEqualTo("\uFFFD");
        }

        @Test
        void pairedOnesAreKept() throws Exception {
            var packet = SocketIoCodec.decode("2[\"message\",\"\\ud83d\\udc4b hi\"]");
            assertThat(packet.payload().asJsonArray().getString(1)).isEqualTo("\ud83d\udc4b hi");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\ud800", "x\udbff", "\udc00y", "\udc00\ud800", "a\ud83d\ud83d\udc4bb"})
        void everyDecodedStringCanBeEncodedAsUtf8(String text) {
            String clean = SocketIoCodec.replaceLoneSurrogates(text);
            assertThat(new String(clean.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(clean);
            assertThat(clean).contains("\uFFFD");
        }
    }

    @Test
    void aNumberLongerThanTheJsonProviderTakesIsAProtocolErrorNotACrash() {
        assertThatThrownBy(() -> SocketIoCodec.decode("2[\"log\",{\"page\":" + "1".repeat(5000) + "}]"))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void anEventWithItsArgumentAlreadyEncodedIsTheEventEncoded() {
        var argument = Json.createObjectBuilder().add("to", 7).add("message", "\"hi\" 你好").build();
        var event = SocketIoCodec.event("message", argument);
        assertThat(SocketIoCodec.encodeEvent("message", 42, argument.toString())).isEqualTo(SocketIoCodec.encode(
                new SocketPacket(SocketPacket.Type.EVENT, SocketPacket.MAIN_NAMESPACE, 42L, event.payload())));
    }
}
