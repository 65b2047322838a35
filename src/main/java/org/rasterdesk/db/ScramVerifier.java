package org.rasterdesk.db;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password ({@code SCRAM-SHA-256$i:salt$StoredKey:ServerKey},
 * RFC 5803), made with an iteration count of our choosing. The embedded cluster's login is a random 128-bit password
 * kept in a file only its user can read: the 4,096 iterations PostgreSQL 15 always uses slow the guessing of a
 * weak human password, which this one is not, and they cost every login of a fresh JVM tens of milliseconds of
 * interpreted hashing — several logins per command.
 */
final class ScramVerifier {

    /** Iterations of the embedded cluster's verifier (see the class comment for why so few are enough). */
    static final int EMBEDDED_ITERATIONS = 64;

    private ScramVerifier() {
    }

    static String of(String password, int iterations, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        try {
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                    .getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$"
                    + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 and PBKDF2 are part of every Java runtime", e);
        }
    }

    /** The iteration count of a stored SCRAM verifier, or -1 when it is none. */
    static int iterations(String verifier) {
        if (verifier == null || !verifier.startsWith("SCRAM-SHA-256$")) {
            return -1;
        }
        String rest = verifier.substring("SCRAM-SHA-256$".length());
        int colon = rest.indexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(rest.substring(0, colon));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
