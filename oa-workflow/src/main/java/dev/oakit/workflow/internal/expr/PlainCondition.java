package dev.oakit.workflow.internal.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A condition recognised from its text as comparisons of a variable's field with a literal ({@link Comparison}) joined by
 * {@code &&}, {@code ||}, {@code !( )} and parentheses: {@code form.days > 3}, {@code form.type == 'annual' && form.days >= 3},
 * {@code !(form.urgent == true) || instance.priority == 'HIGH'}. Such a text is valid CEL that type-checks to a boolean, so a
 * definition made of them is validated without building CEL, and evaluated without it where every comparison it needs is
 * plain. Anything this class does not recognise (another construct, a comment, an escape in a string, a reserved word, a
 * condition nested deeper than {@value #MAX_DEPTH} or with more than {@value #MAX_COMPARISONS} comparisons) is CEL's, and
 * so are its error messages.
 *
 * <p>The logic is CEL's: {@code &&} is false when either side is false and {@code ||} true when either side is true, even
 * where the other side would fail; a comparison Java cannot answer (a missing field, a type CEL refuses) leaves the whole
 * condition to CEL unless the other side decides it. Immutable and thread-safe.
 */
final class PlainCondition {
    /** Parentheses and negations inside one another; CEL's own parser limit is far above it. */
    static final int MAX_DEPTH = 8;
    static final int MAX_COMPARISONS = 64;

    /** CEL's keywords and reserved words: none is a field name CEL's parser takes after a dot. */
    private static final Set<String> RESERVED = Set.of("as", "break", "const", "continue", "else", "false", "for", "function",
            "if", "import", "in", "let", "loop", "namespace", "null", "package", "return", "true", "var", "void", "while");

    private interface Node {
        /** @return the value, or null when CEL is to decide */
        Boolean evaluate(Map<String, ?> variables);
    }

    private record Leaf(Comparison comparison) implements Node {
        @Override
        public Boolean evaluate(Map<String, ?> variables) {
            return comparison.evaluate(variables);
        }
    }

    private record Not(Node operand) implements Node {
        @Override
        public Boolean evaluate(Map<String, ?> variables) {
            Boolean v = operand.evaluate(variables);
            return v == null ? null : !v;
        }
    }

    /** {@code &&} (decisive value false) or {@code ||} (decisive value true) over two or more operands. */
    private record Logic(Node[] operands, boolean decisive) implements Node {
        @Override
        public Boolean evaluate(Map<String, ?> variables) {
            boolean undecided = false;
            for (Node n : operands) {
                Boolean v = n.evaluate(variables);
                if (v == null) {
                    undecided = true;
                } else if (v == decisive) {
                    return decisive;
                }
            }
            return undecided ? null : !decisive;
        }
    }

    private final Node root;

    private PlainCondition(Node root) {
        this.root = root;
    }

    /** @return the condition recognised, or null when the text is anything else (CEL's to check and to evaluate) */
    static PlainCondition parse(String text) {
        Parser p = new Parser(text);
        Node root = p.or(0);
        if (root == null) {
            return null;
        }
        p.space();
        return p.pos == text.length() ? new PlainCondition(root) : null;
    }

    /**
     * @param variables the condition's variables (names checked by the caller)
     * @return the condition's value, or null when CEL is to decide
     */
    Boolean evaluate(Map<String, ?> variables) {
        return Comparison.plainVariables(variables) ? root.evaluate(variables) : null;
    }

    /** Recursive descent over the text; every method returns null for a text it does not recognise. */
    private static final class Parser {
        private final String s;
        private int pos;
        private int comparisons;

        Parser(String s) {
            this.s = s;
        }

        Node or(int depth) {
            return logic(depth, "||", true);
        }

        private Node and(int depth) {
            return logic(depth, "&&", false);
        }

        /** CEL's precedence: || over &&, && over a term. */
        private Node logic(int depth, String operator, boolean or) {
            List<Node> operands = new ArrayList<>(2);
            do {
                Node n = or ? and(depth) : term(depth);
                if (n == null) {
                    return null;
                }
                operands.add(n);
                space();
            } while (take(operator));
            return operands.size() == 1 ? operands.get(0) : new Logic(operands.toArray(Node[]::new), or);
        }

        private Node term(int depth) {
            if (depth > MAX_DEPTH) {
                return null;
            }
            space();
            if (at('!') && !at("!=")) {
                pos++;
                space();
                // !form.urgent == true is (!form.urgent) == true in CEL: only !( ... ) and !!( ... ) are ours
                if (!at('!') && !at('(')) {
                    return null;
                }
                Node operand = term(depth + 1);
                return operand == null ? null : new Not(operand);
            }
            if (take("(")) {
                Node inner = or(depth + 1);
                space();
                return inner != null && take(")") ? inner : null;
            }
            return comparison();
        }

        private Node comparison() {
            if (++comparisons > MAX_COMPARISONS) {
                return null;
            }
            String[] field = field();
            Object literal = field == null ? literal() : null;
            space();
            Comparison.Op op = op();
            if (op == null) {
                return null;
            }
            space();
            if (field == null) {
                if (literal == null) {
                    return null;
                }
                field = field();
                op = op.swapped();
            } else {
                literal = literal();
            }
            if (field == null || literal == null) {
                return null;
            }
            Comparison c = Comparison.of(field[0], field[1], op, literal);
            return c == null ? null : new Leaf(c);
        }

        /** @return {variable, field} of {@code variable.field}, nothing else selected or called after it; or null */
        private String[] field() {
            int start = pos;
            String variable = identifier();
            if (variable == null || !Conditions.VARIABLES.contains(variable) || !take(".")) {
                pos = start;
                return null;
            }
            String name = identifier();
            if (name == null || RESERVED.contains(name)) {
                pos = start;
                return null;
            }
            return new String[] {variable, name};
        }

        private String identifier() {
            int start = pos;
            if (pos < s.length() && identifierPart(s.charAt(pos)) && !digit()) {
                pos++;
                while (pos < s.length() && identifierPart(s.charAt(pos))) {
                    pos++;
                }
            }
            return pos > start ? s.substring(start, pos) : null;
        }

        private static boolean identifierPart(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
        }

        /** @return a Long, Double, String or Boolean as CEL reads it, or null for any other literal or none */
        private Object literal() {
            int start = pos;
            Object value = at('\'') || at('"') ? string() : at('-') || digit() ? number() : bool();
            if (value == null) {
                pos = start;
            }
            return value;
        }

        private Object bool() {
            String word = identifier();
            return "true".equals(word) ? Boolean.TRUE : "false".equals(word) ? Boolean.FALSE : null;
        }

        /** Quoted text without escapes or line breaks; raw, byte and triple-quoted strings are CEL's. */
        private Object string() {
            char quote = s.charAt(pos);
            int end = pos + 1;
            while (end < s.length() && s.charAt(end) != quote) {
                char c = s.charAt(end);
                if (c == '\\' || c == '\n' || c == '\r') {
                    return null;
                }
                end++;
            }
            if (end >= s.length()) {
                return null;
            }
            String text = s.substring(pos + 1, end);
            pos = end + 1;
            return text;
        }

        /** Decimal numbers with an optional minus written next to them: -3, 2.5, 1e3, -0.5e-2; not 0x10, 3u, 007, .5. */
        private Object number() {
            int start = pos;
            if (at('-')) {
                pos++;
            }
            int digits = pos;
            skipDigits();
            if (pos == digits || s.charAt(digits) == '0' && pos - digits > 1) {
                return null;
            }
            boolean fraction = false;
            if (at('.')) {
                pos++;
                int f = pos;
                skipDigits();
                if (pos == f) {
                    return null;
                }
                fraction = true;
            }
            boolean exponent = false;
            if (at('e') || at('E')) {
                pos++;
                if (at('+') || at('-')) {
                    pos++;
                }
                int e = pos;
                skipDigits();
                if (pos == e) {
                    return null;
                }
                exponent = true;
            }
            if (pos < s.length() && (identifierPart(s.charAt(pos)) || s.charAt(pos) == '.')) {
                return null;
            }
            String text = s.substring(start, pos);
            try {
                return fraction || exponent ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
            } catch (NumberFormatException outOfRange) {
                return null;
            }
        }

        private void skipDigits() {
            while (digit()) {
                pos++;
            }
        }

        private boolean digit() {
            return pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9';
        }

        private Comparison.Op op() {
            for (String text : new String[] {"<=", ">=", "==", "!=", "<", ">"}) {
                if (take(text)) {
                    return switch (text) {
                        case "<=" -> Comparison.Op.LE;
                        case ">=" -> Comparison.Op.GE;
                        case "==" -> Comparison.Op.EQ;
                        case "!=" -> Comparison.Op.NE;
                        case "<" -> Comparison.Op.LT;
                        default -> Comparison.Op.GT;
                    };
                }
            }
            return null;
        }

        /** CEL's white space; a comment is CEL's to read. */
        void space() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                    return;
                }
                pos++;
            }
        }

        private boolean at(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private boolean at(String text) {
            return s.startsWith(text, pos);
        }

        private boolean take(String text) {
            if (s.startsWith(text, pos)) {
                pos += text.length();
                return true;
            }
            return false;
        }
    }
}
