package org.rasterdesk.serve;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes %XX escapes of a URL part as UTF-8, refusing malformed escapes, bad UTF-8 and control characters. */
final class PercentDecoding {

    private PercentDecoding() {
    }

    /**
     * @param plusIsSpace true in a query string (form encoding), false in a path
     * @throws HttpError 400 when the text cannot be decoded or holds control characters
     */
    static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
            return checked(text);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw HttpError.badRequest("malformed escape at the end of '" + text + "'");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw HttpError.badRequest("malformed escape '" + text.substring(i, i + 3) + "'");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    utf8 = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
            return checked(decoded);
        } catch (CharacterCodingException e) {
            throw HttpError.badRequest("the request holds bytes that are not UTF-8");
        }
    }

    private static String checked(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                throw HttpError.badRequest("the request holds a control character");
            }
        }
        return s;
    }
}
