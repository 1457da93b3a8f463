package dev.eventpipeline.localstack.dynamodb.internal.expression;

import java.util.ArrayList;
import java.util.List;

import dev.eventpipeline.localstack.dynamodb.internal.ApiException;
import dev.eventpipeline.localstack.dynamodb.internal.expression.Token.Kind;

/** Splits a DynamoDB expression into tokens. */
final class Tokenizer {

    private final String text;
    private final String expressionKind;
    private final List<Token> tokens = new ArrayList<>();
    private int position;

    private Tokenizer(String text, String expressionKind) {
        this.text = text;
        this.expressionKind = expressionKind;
    }

    static List<Token> tokenize(String text, String expressionKind) {
        Tokenizer tokenizer = new Tokenizer(text, expressionKind);
        tokenizer.run();
        return tokenizer.tokens;
    }

    private void run() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (c == '#') {
                word(Kind.NAME_PLACEHOLDER, position++);
            } else if (c == ':') {
                word(Kind.VALUE_PLACEHOLDER, position++);
            } else if (Character.isDigit(c)) {
                word(Kind.NUMBER, position);
            } else if (isWordChar(c)) {
                word(Kind.NAME, position);
            } else {
                symbol(c);
            }
        }
        tokens.add(new Token(Kind.END, "<EOF>", text.length()));
    }

    private void word(Kind kind, int start) {
        while (position < text.length() && isWordChar(text.charAt(position))) {
            position++;
        }
        String word = text.substring(start, position);
        if (word.length() < 2 && kind != Kind.NAME && kind != Kind.NUMBER) {
            throw syntaxError(word, start);
        }
        tokens.add(new Token(kind, word, start));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private void symbol(char c) {
        int start = position;
        String two = position + 1 < text.length() ? text.substring(position, position + 2) : "";
        if (two.equals("<>") || two.equals("<=") || two.equals(">=")) {
            position += 2;
            tokens.add(new Token(Kind.COMPARATOR, two, start));
            return;
        }
        position++;
        Kind kind = switch (c) {
            case '(' -> Kind.OPEN_PAREN;
            case ')' -> Kind.CLOSE_PAREN;
            case '[' -> Kind.OPEN_BRACKET;
            case ']' -> Kind.CLOSE_BRACKET;
            case ',' -> Kind.COMMA;
            case '.' -> Kind.DOT;
            case '=', '<', '>' -> Kind.COMPARATOR;
            case '+' -> Kind.PLUS;
            case '-' -> Kind.MINUS;
            default -> throw ApiException.validation("Invalid " + expressionKind + ": Invalid character encountered;"
                    + " character: \"" + c + "\", near: \"" + near(start) + "\"");
        };
        tokens.add(new Token(kind, String.valueOf(c), start));
    }

    private ApiException syntaxError(String token, int at) {
        return ApiException.validation("Invalid " + expressionKind + ": Syntax error; token: \"" + token
                + "\", near: \"" + near(at) + "\"");
    }

    private String near(int at) {
        return text.substring(Math.max(0, at - 10), Math.min(text.length(), at + 10));
    }
}
