package io.routerbridge.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AES-256 keys that protect router credentials at rest. {@code RB_MASTER_KEY} is the current key
 * (new ciphertexts use it); {@code RB_MASTER_KEYS_PREVIOUS} (optional, comma separated) keeps
 * retired keys readable while a rotation is under way. Each key is known by an id derived from the
 * key itself, which every ciphertext carries.
 */
public final class MasterKeys {
    public static final int KEY_BYTES = 32;

    private final String currentId;
    private final Map<String, byte[]> keysById;

    private MasterKeys(String currentId, Map<String, byte[]> keysById) {
        this.currentId = currentId;
        this.keysById = keysById;
    }

    public static MasterKeys of(byte[] current, byte[]... previous) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String currentId = keyId(current);
        keys.put(currentId, current.clone());
        for (byte[] key : previous) {
            keys.putIfAbsent(keyId(key), key.clone());
        }
        return new MasterKeys(currentId, keys);
    }

    public static MasterKeys fromEnvironment(Environment env) {
        byte[] current = decode("RB_MASTER_KEY", env.required("RB_MASTER_KEY"));
        String previous = env.optional("RB_MASTER_KEYS_PREVIOUS", "");
        byte[][] older = Arrays.stream(previous.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> decode("RB_MASTER_KEYS_PREVIOUS", s))
                .toArray(byte[][]::new);
        return of(current, older);
    }

    public String currentId() {
        return currentId;
    }

    public byte[] current() {
        return keysById.get(currentId).clone();
    }

    /** The ids of every configured key, the current one first. */
    public List<String> knownIds() {
        return List.copyOf(keysById.keySet());
    }

    public Optional<byte[]> byId(String id) {
        return Optional.ofNullable(keysById.get(id)).map(byte[]::clone);
    }

    /** A short public fingerprint of a key (never the key): 8 hex characters of a SHA-256. */
    public static String keyId(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("routerbridge master key id\n".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(key), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String variable, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(variable + " is not valid base64");
        }
        if (key.length != KEY_BYTES) {
            throw new ConfigException(variable + " must decode to " + KEY_BYTES + " bytes (it decodes to "
                    + key.length + ")");
        }
        return key;
    }

    @Override
    public String toString() {
        return "MasterKeys[current=" + currentId + ", known=" + keysById.keySet() + "]";
    }
}
