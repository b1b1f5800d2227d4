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
}
