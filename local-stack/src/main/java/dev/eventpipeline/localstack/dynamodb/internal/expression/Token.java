package dev.eventpipeline.localstack.dynamodb.internal.expression;

/** One lexical token of a DynamoDB expression, with its offset for error messages. */
record Token(Kind kind, String text, int position) {

    enum Kind {
        NAME,
        NAME_PLACEHOLDER,
        VALUE_PLACEHOLDER,
        NUMBER,
        OPEN_PAREN,
        CLOSE_PAREN,
        OPEN_BRACKET,
        CLOSE_BRACKET,
        COMMA,
        DOT,
        COMPARATOR,
        PLUS,
        MINUS,
        END
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }
}
