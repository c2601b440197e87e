package io.routerbridge.crypto;

import io.routerbridge.config.MasterKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for credentials at rest: {@code v1:<key id>:<base64(iv | ciphertext | tag)>} with a
 * random 12-byte IV per encryption. The key id names the master key used, so a ciphertext made
 * with a retired key (still listed in RB_MASTER_KEYS_PREVIOUS) stays readable and can be re-encrypted.
 */
public final class CredentialCipher {
    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MasterKeys keys;

    public CredentialCipher(MasterKeys keys) {
        this.keys = keys;
    }

    public String encrypt(String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        String keyId = keys.currentId();
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.current(), iv, keyId);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return VERSION + ":" + keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String decrypt(String stored) {
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new CredentialException("stored credential has an unknown format");
        }
        String keyId = parts[1];
        byte[] key = keys.byId(keyId).orElseThrow(() -> new CredentialException(
                "stored credential was encrypted with master key " + keyId
                        + ", which is not configured (add it to RB_MASTER_KEYS_PREVIOUS)"));
        byte[] data;
        try {
            data = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new CredentialException("stored credential is not valid base64");
        }
        if (data.length < IV_BYTES + TAG_BITS / 8) {
            throw new CredentialException("stored credential is truncated");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(data, IV_BYTES), keyId);
            byte[] plain = cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new CredentialException("stored credential does not authenticate under master key " + keyId
                    + " (altered, or a different key with the same id)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** True when the ciphertext was made with a key other than the current one. */
    public boolean needsReencryption(String stored) {
        String[] parts = stored.split(":", 3);
        return parts.length != 3 || !keys.currentId().equals(parts[1]);
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv, String keyId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        // The version and key id are authenticated too, so they cannot be swapped.
        cipher.updateAAD((VERSION + ":" + keyId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A stored credential cannot be read; the message never contains key material or plaintext. */
    public static final class CredentialException extends RuntimeException {
        public CredentialException(String message) {
            super(message);
        }
    }
}
