package org.nodeim.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Salted Argon2id hashes of secrets (passwords, security answers) in the self-describing PHC
 * string format {@code $argon2id$v=19$m=MEMORY_KIB,t=ITERATIONS,p=PARALLELISM$SALT$HASH}, so
 * that the cost can be raised later: old hashes still verify, and {@link #isOutdated} tells
 * which to re-hash.
 */
public final class PasswordHasher {

    private static final String PREFIX = "$argon2id$v=19$";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;

    /** The cost of new hashes. */
    public PasswordHasher(int memoryKib, int iterations, int parallelism) {
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("invalid Argon2 cost");
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    public String hash(String secret) {
        Objects.requireNonNull(secret, "secret");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(secret, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return PREFIX + "m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether the secret matches the hash; false for a malformed hash. Constant time in the hash. */
    public boolean verify(String secret, String encoded) {
        if (secret == null || encoded == null) {
            return false;
        }
        var parsed = Parsed.of(encoded);
        if (parsed == null) {
            return false;
        }
        byte[] actual = argon2(secret, parsed.salt, parsed.memoryKib, parsed.iterations, parsed.parallelism,
                parsed.hash.length);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /** Whether a hash was made at a lower cost than the current one. */
    public boolean isOutdated(String encoded) {
        var parsed = Parsed.of(encoded);
        return parsed == null || parsed.memoryKib < memoryKib || parsed.iterations < iterations
                || parsed.parallelism < parallelism;
    }

    private static byte[] argon2(String secret, byte[] salt, int memoryKib, int iterations, int parallelism,
                                 int length) {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        var generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private record Parsed(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

        /** Upper bounds that keep a tampered hash from costing the server too much. */
        private static final int MAX_MEMORY_KIB = 1 << 20;
        private static final int MAX_ITERATIONS = 64;
        private static final int MAX_PARALLELISM = 16;

        static Parsed of(String encoded) {
            if (encoded == null || !encoded.startsWith(PREFIX)) {
                return null;
            }
            String[] parts = encoded.substring(PREFIX.length()).split("\\$");
            if (parts.length != 3) {
                return null;
            }
            try {
                int m = -1;
                int t = -1;
                int p = -1;
                for (String parameter : parts[0].split(",")) {
                    String[] pair = parameter.split("=", 2);
                    if (pair.length != 2) {
                        return null;
                    }
                    int value = Integer.parseInt(pair[1]);
                    switch (pair[0]) {
                        case "m" -> m = value;
                        case "t" -> t = value;
                        case "p" -> p = value;
                        default -> {
                            return null;
                        }
                    }
                }
                byte[] salt = B64_DECODER.decode(parts[1]);
                byte[] hash = B64_DECODER.decode(parts[2]);
                if (m < 8 || m > MAX_MEMORY_KIB || t < 1 || t > MAX_ITERATIONS || p < 1 || p > MAX_PARALLELISM
                        || salt.length < 8 || hash.length < 16) {
                    return null;
                }
                return new Parsed(m, t, p, salt, hash);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
