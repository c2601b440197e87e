package io.routerbridge.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routerbridge.config.MasterKeys;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {
    private static final byte[] KEY_A = key(1);
    private static final byte[] KEY_B = key(2);

    @Property(tries = 300)
    void roundTripsAnyText(@ForAll String plaintext) {
        CredentialCipher cipher = new CredentialCipher(MasterKeys.of(KEY_A));
        assertThat(cipher.decrypt(cipher.encrypt(plaintext))).isEqualTo(plaintext);
    }

    @Test
    void formatNamesTheKeyAndNeverContainsThePlaintext() {
        CredentialCipher cipher = new CredentialCipher(MasterKeys.of(KEY_A));
        String stored = cipher.encrypt("router-pass-123");

        assertThat(stored).startsWith("v1:" + MasterKeys.keyId(KEY_A) + ":").doesNotContain("router-pass-123");
        byte[] body = Base64.getDecoder().decode(stored.split(":")[2]);
        assertThat(body).hasSize(12 + "router-pass-123".length() + 16);
    }

    @Test
    void freshIvEachTime() {
        CredentialCipher cipher = new CredentialCipher(MasterKeys.of(KEY_A));
        assertThat(cipher.encrypt("same")).isNotEqualTo(cipher.encrypt("same"));
    }

    @Test
    void rotationDecryptsOldCiphertextsWithTheKeyTheyName() {
        String oldCiphertext = new CredentialCipher(MasterKeys.of(KEY_A)).encrypt("old-secret");
        CredentialCipher rotated = new CredentialCipher(MasterKeys.of(KEY_B, KEY_A));

        assertThat(rotated.decrypt(oldCiphertext)).isEqualTo("old-secret");
        assertThat(rotated.needsReencryption(oldCiphertext)).isTrue();
        assertThat(rotated.needsReencryption(rotated.encrypt("x"))).isFalse();
        assertThat(rotated.encrypt("x")).startsWith("v1:" + MasterKeys.keyId(KEY_B) + ":");
    }

    @Test
    void unknownKeyIsAClearError() {
        String oldCiphertext = new CredentialCipher(MasterKeys.of(KEY_A)).encrypt("old-secret");
        CredentialCipher withoutOldKey = new CredentialCipher(MasterKeys.of(KEY_B));

        assertThatThrownBy(() -> withoutOldKey.decrypt(oldCiphertext))
                .isInstanceOf(CredentialCipher.CredentialException.class)
                .hasMessageContaining(MasterKeys.keyId(KEY_A))
                .hasMessageContaining("RB_MASTER_KEYS_PREVIOUS");
    }

    @Test
    void tamperingIsDetected() {
        CredentialCipher cipher = new CredentialCipher(MasterKeys.of(KEY_A));
        String stored = cipher.encrypt("secret-value");
        byte[] body = Base64.getDecoder().decode(stored.split(":")[2]);
        body[14] ^= 1;
        String tampered = stored.substring(0, stored.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(body);

        assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(CredentialCipher.CredentialException.class)
                .hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> cipher.decrypt("plain-text")).isInstanceOf(CredentialCipher.CredentialException.class);
        assertThatThrownBy(() -> cipher.decrypt("v1:" + MasterKeys.keyId(KEY_A) + ":AAAA"))
                .isInstanceOf(CredentialCipher.CredentialException.class).hasMessageContaining("truncated");
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }
}
