package dev.eventpipeline.localstack.dynamodb.internal.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.eventpipeline.localstack.dynamodb.internal.ApiException;
import dev.eventpipeline.localstack.dynamodb.internal.expression.Token.Kind;

/**
 * Recursive-descent parser of DynamoDB's expression grammar: conditions (with DynamoDB's precedence: comparisons, IN,
 * BETWEEN, functions, parentheses, NOT, AND, OR), update expressions and projection expressions.
 */
public final class ExpressionParser {

    private final List<Token> tokens;
    private final ExpressionContext context;
    private final String kind;
    private final String text;
    private int next;

    private ExpressionParser(String text, String kind, ExpressionContext context) {
        if (text.isBlank()) {
            throw ApiException.validation("Invalid " + kind + ": The expression can not be empty;");
        }
        this.text = text;
        this.kind = kind;
        this.context = context;
        this.tokens = Tokenizer.tokenize(text, kind);
    }

    /** Parses a condition; {@code kind} names the request member in messages (ConditionExpression, ...). */
    public static Condition condition(String text, String kind, ExpressionContext context) {
        ExpressionParser parser = new ExpressionParser(text, kind, context);
        Condition condition = parser.or();
        parser.expect(Kind.END);
        return condition;
    }

    /** Parses an update expression. */
    public static UpdateExpression update(String text, ExpressionContext context) {
        ExpressionParser parser = new ExpressionParser(text, "UpdateExpression", context);
        return parser.updateClauses();
    }

    /** Parses a projection expression into its document paths. */
    public static List<DocumentPath> projection(String text, ExpressionContext context) {
        ExpressionParser parser = new ExpressionParser(text, "ProjectionExpression", context);
        List<DocumentPath> paths = new ArrayList<>();
        do {
            paths.add(parser.path());
        } while (parser.accept(Kind.COMMA));
        parser.expect(Kind.END);
        return paths;
    }

    private Condition or() {
        Condition left = and();
        while (peek().isKeyword("OR")) {
            next++;
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (peek().isKeyword("AND")) {
            next++;
            left = new Condition.And(left, not());
        }
        return left;
    }

    private Condition not() {
        if (peek().isKeyword("NOT")) {
            next++;
            return new Condition.Not(not());
        }
        return primary();
    }

    private Condition primary() {
        if (accept(Kind.OPEN_PAREN)) {
            Condition inner = or();
            expect(Kind.CLOSE_PAREN);
            return inner;
        }
        if (peek().kind() == Kind.NAME && tokens.get(next + 1).kind() == Kind.OPEN_PAREN
                && !peek().text().equals("size")) {
            return function();
        }
        return comparison(operand());
    }

    private Condition function() {
        Token name = tokens.get(next);
        next += 2;
        Condition function = switch (name.text()) {
            case "attribute_exists" -> new Condition.Exists(path(), true);
            case "attribute_not_exists" -> new Condition.Exists(path(), false);
            case "attribute_type" -> new Condition.AttributeType(pathThenComma(), operand());
            case "begins_with" -> new Condition.BeginsWith(operandThenComma(), operand());
            case "contains" -> new Condition.Contains(operandThenComma(), operand());
            default -> throw ApiException.validation("Invalid " + kind + ": Invalid function name; function: "
                    + name.text());
        };
        expect(Kind.CLOSE_PAREN);
        return function;
    }

    private DocumentPath pathThenComma() {
        DocumentPath path = path();
        expect(Kind.COMMA);
        return path;
    }

    private Operand operandThenComma() {
        Operand operand = operand();
        expect(Kind.COMMA);
        return operand;
    }

    private Condition comparison(Operand left) {
        Token token = peek();
        if (token.kind() == Kind.COMPARATOR) {
            next++;
            return new Condition.Comparison(token.text(), left, operand());
        }
        if (token.isKeyword("BETWEEN")) {
            next++;
            Operand low = operand();
            expectKeyword("AND");
            return new Condition.Between(left, low, operand());
        }
        if (token.isKeyword("IN")) {
            next++;
            return new Condition.In(left, operandList());
        }
        throw syntaxError(token);
    }

    private List<Operand> operandList() {
        expect(Kind.OPEN_PAREN);
        List<Operand> operands = new ArrayList<>();
        do {
            operands.add(operand());
        } while (accept(Kind.COMMA));
        expect(Kind.CLOSE_PAREN);
        return operands;
    }

    private Operand operand() {
        Token token = peek();
        if (token.kind() == Kind.VALUE_PLACEHOLDER) {
            next++;
            return new Operand.Value(token.text(), context.value(token.text(), kind));
        }
        if (token.kind() == Kind.NAME && token.text().equals("size") && tokens.get(next + 1).kind() == Kind.OPEN_PAREN) {
            next += 2;
            DocumentPath path = path();
            expect(Kind.CLOSE_PAREN);
            return new Operand.Size(path);
        }
        return new Operand.Path(path());
    }

    DocumentPath path() {
        List<Object> elements = new ArrayList<>();
        elements.add(attributeName(peek()));
        next++;
        while (true) {
            if (accept(Kind.DOT)) {
                elements.add(attributeName(peek()));
                next++;
            } else if (accept(Kind.OPEN_BRACKET)) {
                elements.add(listIndex(expect(Kind.NUMBER)));
                expect(Kind.CLOSE_BRACKET);
            } else {
                return new DocumentPath(List.copyOf(elements));
            }
        }
    }

    private String attributeName(Token token) {
        if (token.kind() == Kind.NAME_PLACEHOLDER) {
            return context.name(token.text(), kind);
        }
        if (token.kind() != Kind.NAME || !Character.isLetter(token.text().charAt(0))) {
            throw syntaxError(token);
        }
        if (ReservedWords.isReserved(token.text())) {
            throw ApiException.validation("Invalid " + kind + ": Attribute name is a reserved keyword; reserved"
                    + " keyword: " + token.text());
        }
        return token.text();
    }

    private int listIndex(Token token) {
        try {
            return Integer.parseInt(token.text());
        } catch (NumberFormatException e) {
            throw syntaxError(token);
        }
    }

    private UpdateExpression updateClauses() {
        UpdateExpression.Builder update = new UpdateExpression.Builder(kind);
        while (peek().kind() != Kind.END) {
            Token clause = expect(Kind.NAME);
            String section = clause.text().toUpperCase(Locale.ROOT);
            update.startSection(section);
            do {
                updateAction(section, update);
            } while (accept(Kind.COMMA));
        }
        return update.build();
    }

    private void updateAction(String section, UpdateExpression.Builder update) {
        switch (section) {
            case "SET" -> {
                DocumentPath path = path();
                expectComparator("=");
                update.set(path, setValue());
            }
            case "REMOVE" -> update.remove(path());
            case "ADD" -> update.add(path(), operand());
            case "DELETE" -> update.delete(path(), operand());
            default -> throw syntaxError(tokens.get(next - 1));
        }
    }

    private Operand setValue() {
        Operand left = setOperand();
        if (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
            char operator = tokens.get(next++).text().charAt(0);
            return new Operand.Arithmetic(left, operator, setOperand());
        }
        return left;
    }

    private Operand setOperand() {
        Token token = peek();
        if (token.kind() == Kind.NAME && tokens.get(next + 1).kind() == Kind.OPEN_PAREN) {
            next += 2;
            Operand function = switch (token.text()) {
                case "if_not_exists" -> new Operand.IfNotExists(pathThenComma(), setValue());
                case "list_append" -> new Operand.ListAppend(setValueThenComma(), setValue());
                default -> throw ApiException.validation("Invalid UpdateExpression: Invalid function name; function: "
                        + token.text());
            };
            expect(Kind.CLOSE_PAREN);
            return function;
        }
        return operand();
    }

    private Operand setValueThenComma() {
        Operand operand = setValue();
        expect(Kind.COMMA);
        return operand;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private boolean accept(Kind expected) {
        if (peek().kind() == expected) {
            next++;
            return true;
        }
        return false;
    }

    private Token expect(Kind expected) {
        Token token = peek();
        if (token.kind() != expected) {
            throw syntaxError(token);
        }
        next++;
        return token;
    }

    private void expectKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) {
            throw syntaxError(peek());
        }
        next++;
    }

    private void expectComparator(String comparator) {
        Token token = expect(Kind.COMPARATOR);
        if (!token.text().equals(comparator)) {
            throw syntaxError(token);
        }
    }

    private ApiException syntaxError(Token token) {
        int at = token.position();
        String near = text.substring(Math.max(0, at - 10), Math.min(text.length(), at + 10));
        return ApiException.validation("Invalid " + kind + ": Syntax error; token: \"" + token.text() + "\", near: \""
                + near + "\"");
    }
}
