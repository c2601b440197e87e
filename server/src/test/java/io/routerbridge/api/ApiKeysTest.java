package io.routerbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routerbridge.errors.InvalidInputException;
import io.routerbridge.errors.TooManyRequestsException;
import io.routerbridge.errors.UnauthorizedException;
import io.routerbridge.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issuing, storing, verifying, caching and revoking keys against real MariaDB. */
class ApiKeysTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void keysAreRandomLongAndStoredOnlyAsBcryptHashes() {
        ApiKeys keys = new ApiKeys(new ApiKeyRepository(db.dsl()), clock);
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            IssuedApiKey issued = keys.create("key " + i);
            texts.add(issued.text());
            assertThat(issued.text()).matches("rbk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
            assertThat(issued.toString()).doesNotContain(issued.text().substring(21));
            String hash = db.dsl().fetchValue("SELECT secret_hash FROM mod_routerbridge_api_key WHERE key_id = ?",
                    issued.key().keyId()).toString();
            assertThat(hash).startsWith("$2a$10$").doesNotContain(issued.text().substring(21));
        }
        assertThat(texts).hasSize(3);
        assertThat(keys.list()).extracting(ApiKey::name).contains("key 0", "key 1", "key 2");
    }

    @Test
    void authenticateFindsTheKeyAndRejectsOthers() {
        ApiKeys keys = new ApiKeys(new ApiKeyRepository(db.dsl()), clock);
        IssuedApiKey issued = keys.create("ci");

        assertThat(keys.authenticate(issued.text()).id()).isEqualTo(issued.key().id());
        String tampered = issued.text().substring(0, 30) + (issued.text().charAt(30) == 'x' ? 'y' : 'x')
                + issued.text().substring(31);
        assertThatThrownBy(() -> keys.authenticate(tampered)).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> keys.authenticate(null)).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> keys.authenticate("")).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void wrongSecretsForOneKeyIdAreRefusedWithoutBcryptOnceTooMany() {
        ApiKeys keys = new ApiKeys(new ApiKeyRepository(db.dsl()), clock, Duration.ofSeconds(30));
        IssuedApiKey attacked = keys.create("attacked");
        IssuedApiKey busy = keys.create("busy");
        keys.authenticate(busy.text());
        String wrongAttacked = attacked.text().substring(0, 21) + "A".repeat(43);
        String wrongBusy = busy.text().substring(0, 21) + "A".repeat(43);
        for (int i = 0; i < ApiKeys.MAX_FAILURES; i++) {
            assertThatThrownBy(() -> keys.authenticate(wrongAttacked)).isInstanceOf(UnauthorizedException.class);
            assertThatThrownBy(() -> keys.authenticate(wrongBusy)).isInstanceOf(UnauthorizedException.class);
        }

        assertThatThrownBy(() -> keys.authenticate(wrongAttacked)).isInstanceOf(TooManyRequestsException.class)
                .hasMessageContaining(attacked.key().keyId()).hasMessageContaining("try again in 60 s");
        // locked out: even the right secret is not checked until the window ends
        assertThatThrownBy(() -> keys.authenticate(attacked.text())).isInstanceOf(TooManyRequestsException.class);
        // a client verified moments ago is answered from the cache
        assertThat(keys.authenticate(busy.text()).keyId()).isEqualTo(busy.key().keyId());

        clock.advance(ApiKeys.FAILURE_WINDOW);
        assertThat(keys.authenticate(attacked.text()).keyId()).isEqualTo(attacked.key().keyId());
        assertThatThrownBy(() -> keys.authenticate(wrongAttacked)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void revocationByAnotherProcessTakesEffectWhenTheCacheEntryExpires() {
        ApiKeys service = new ApiKeys(new ApiKeyRepository(db.dsl()), clock, Duration.ofSeconds(30));
        ApiKeys commandLine = new ApiKeys(new ApiKeyRepository(db.dsl()), clock);
        IssuedApiKey issued = service.create("rotating");
        service.authenticate(issued.text());

        assertThat(commandLine.revoke(issued.key().keyId())).isTrue();
        clock.advance(Duration.ofSeconds(29));
        assertThat(service.authenticate(issued.text()).keyId()).isEqualTo(issued.key().keyId());
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> service.authenticate(issued.text()))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("revoked");
        assertThat(commandLine.revoke(issued.key().keyId())).isFalse();
    }

    @Test
    void cachedVerificationIsMuchFasterThanBcrypt() {
        ApiKeys keys = new ApiKeys(new ApiKeyRepository(db.dsl()), clock);
        IssuedApiKey issued = keys.create("speed");
        long first = System.nanoTime();
        keys.authenticate(issued.text());
        long bcrypt = System.nanoTime() - first;
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            keys.authenticate(issued.text());
        }
        long cachedEach = (System.nanoTime() - start) / 100;
        System.out.printf("api key check: first (bcrypt + DB) %.1f ms, cached %.3f ms%n", bcrypt / 1e6, cachedEach / 1e6);
        assertThat(cachedEach).isLessThan(bcrypt / 10);
    }

    @Test
    void nameIsRequiredAndBounded() {
        ApiKeys keys = new ApiKeys(new ApiKeyRepository(db.dsl()), clock);
        assertThatThrownBy(() -> keys.create(" ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> keys.create("x".repeat(101))).isInstanceOf(InvalidInputException.class);
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
