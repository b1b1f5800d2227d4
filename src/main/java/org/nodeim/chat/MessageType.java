package org.nodeim.chat;

/** The kinds of messages that are not ordinary chat, by their wire name. */
public enum MessageType {
    SYSTEM("system"),
    REQUEST_SUBSCRIPTION("request-subscription"),
    REFUSE("refuse"),
    AGREE("agree");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type of this wire name. */
    static MessageType ofWireName(String wireName) {
        for (MessageType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no message type " + wireName);
    }
}
