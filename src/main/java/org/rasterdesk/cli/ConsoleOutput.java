package org.rasterdesk.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.text.Normalizer;
import java.util.Map;

/**
 * Standard output and error in the charset of the terminal's locale, with the characters it lacks written as their
 * nearest ASCII: under a C or POSIX locale the log's "rows 5–7" and "28×28 tiles" read "rows 5-7" and "28x28
 * tiles", where the JDK's own streams print "rows 5?7".
 */
public final class ConsoleOutput {

    /** What the log's typography becomes where the terminal cannot show it. */
    private static final Map<Integer, String> ASCII = Map.ofEntries(
            Map.entry((int) '–', "-"), Map.entry((int) '—', "--"), Map.entry((int) '−', "-"),
            Map.entry((int) '‘', "'"), Map.entry((int) '’', "'"), Map.entry((int) '“', "\""),
            Map.entry((int) '”', "\""), Map.entry((int) '…', "..."), Map.entry((int) '×', "x"),
            Map.entry((int) '·', "-"), Map.entry((int) '°', " deg"), Map.entry((int) '±', "+/-"),
            Map.entry((int) '→', "->"), Map.entry((int) '←', "<-"), Map.entry((int) '↑', "^"),
            Map.entry((int) '↓', "v"), Map.entry((int) '≈', "~"), Map.entry((int) '≤', "<="),
            Map.entry((int) '≥', ">="), Map.entry((int) '›', ">"), Map.entry((int) '‹', "<"),
            Map.entry((int) '▸', ">"), Map.entry((int) '⚠', "!"), Map.entry((int) '✕', "x"),
            Map.entry((int) '©', "(c)"), Map.entry((int) 'µ', "u"), Map.entry((int) 'λ', "lambda"));

    private ConsoleOutput() {
    }

    /** Replaces {@link System#out} and {@link System#err} by streams in the terminal's charset. */
    public static void install() {
        Charset charset = terminalCharset();
        System.setOut(printStream(new FileOutputStream(FileDescriptor.out), charset));
        System.setErr(printStream(new FileOutputStream(FileDescriptor.err), charset));
    }

    /**
     * The charset of the terminal: the JDK's name for its output's encoding where it has one, else the locale's
     * ({@code native.encoding}), which {@code -Dfile.encoding} does not change.
     */
    static Charset terminalCharset() {
        for (String property : new String[] {"stdout.encoding", "sun.stdout.encoding", "native.encoding"}) {
            String name = System.getProperty(property);
            if (name != null && !name.isBlank()) {
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    // An encoding the JDK does not know: the next guess.
                }
            }
        }
        return Charset.defaultCharset();
    }

    /** A stream that writes text in the charset, each character it lacks as its nearest ASCII. */
    static PrintStream printStream(OutputStream out, Charset charset) {
        return new FittingStream(out, charset);
    }

    /** The text with each character the encoder cannot write replaced by its nearest ASCII, or "?" at worst. */
    static String fit(String text, CharsetEncoder encoder) {
        if (encoder.canEncode(text)) {
            return text;
        }
        StringBuilder fitted = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String c = Character.toString(cp);
            if (encoder.canEncode(c)) {
                fitted.append(c);
            } else if (ASCII.containsKey(cp)) {
                fitted.append(ASCII.get(cp));
            } else {
                // "é" becomes "e", "²" "2", a no-break space a space: the compatibility decomposition without its
                // combining marks.
                String plain = Normalizer.normalize(c, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
                fitted.append(!plain.isEmpty() && encoder.canEncode(plain) ? plain : "?");
            }
        });
        return fitted.toString();
    }

    /**
     * A print stream that fits its text before the JDK's encoder sees it. Every way text reaches a PrintStream
     * (println, printf, append) passes through these print methods.
     */
    private static final class FittingStream extends PrintStream {
        private final CharsetEncoder encoder;

        FittingStream(OutputStream out, Charset charset) {
            super(out, true, charset);
            this.encoder = charset.newEncoder();
        }

        @Override
        public synchronized void print(String s) {
            super.print(fit(String.valueOf(s), encoder));
        }

        @Override
        public void print(char c) {
            print(String.valueOf(c));
        }

        @Override
        public void print(char[] s) {
            print(new String(s));
        }

        @Override
        public void print(Object obj) {
            print(String.valueOf(obj));
        }
    }
}
