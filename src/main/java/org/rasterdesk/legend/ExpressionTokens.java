package org.rasterdesk.legend;

/** Splits a legend formula into numbers, names and operators, each with its character offset. */
final class ExpressionTokens {

    enum Kind { NUMBER, NAME, OPERATOR, END }

    record Token(Kind kind, String text, int position) {

        boolean is(String s) {
            return kind == Kind.OPERATOR && text.equals(s);
        }

        boolean isEnd() {
            return kind == Kind.END;
        }

        boolean isNumber() {
            return kind == Kind.NUMBER;
        }

        boolean isName() {
            return kind == Kind.NAME;
        }

        boolean isOperator() {
            return kind == Kind.OPERATOR;
        }

        double number() {
            return Double.parseDouble(text);
        }

        String describe() {
            return switch (kind) {
                case NUMBER -> "number " + text;
                case NAME -> "'" + text + "'";
                case OPERATOR -> "'" + text + "'";
                case END -> "end of formula";
            };
        }
    }

    private static final java.util.Set<String> TWO_CHAR_OPERATORS = java.util.Set.of("==", "!=", "<=", ">=");
    private static final String OPERATORS = "+-*/^<>=!&|(),";

    private final String s;
    private int pos;
    private Token peeked;

    ExpressionTokens(String s) {
        this.s = s;
    }

    Token peek() {
        if (peeked == null) {
            peeked = read();
        }
        return peeked;
    }

    Token next() {
        Token t = peek();
        peeked = null;
        return t;
    }

    private Token read() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
        if (pos >= s.length()) {
            return new Token(Kind.END, "", pos);
        }
        int start = pos;
        char c = s.charAt(pos);
        if (isDigit(c) || (c == '.' && pos + 1 < s.length() && isDigit(s.charAt(pos + 1)))) {
            return number(start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Kind.NAME, s.substring(start, pos), start);
        }
        if (pos + 1 < s.length() && TWO_CHAR_OPERATORS.contains(s.substring(pos, pos + 2))) {
            pos += 2;
            return new Token(Kind.OPERATOR, s.substring(start, pos), start);
        }
        if (OPERATORS.indexOf(c) >= 0) {
            pos++;
            return new Token(Kind.OPERATOR, String.valueOf(c), start);
        }
        throw new ExpressionException("unexpected character '" + new String(Character.toChars(s.codePointAt(pos)))
                + "'", start);
    }

    /** digits [. digits] [e [+-] digits], or . digits [exponent]. */
    private Token number(int start) {
        while (pos < s.length() && isDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < s.length() && isDigit(s.charAt(pos))) {
                while (pos < s.length() && isDigit(s.charAt(pos))) {
                    pos++;
                }
            } else {
                // "2E" is 2 followed by the name E: let the parser report it where it stands.
                pos = mark;
            }
        }
        return new Token(Kind.NUMBER, s.substring(start, pos), start);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
