package io.routerbridge.routeros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CircuitBreaker breaker = new CircuitBreaker("router r1:8728", 3, Duration.ofSeconds(10), now::get);

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresAndFailsFastWithTheReason() {
        for (int i = 0; i < 2; i++) {
            breaker.beforeAttempt();
            breaker.onFailure("cannot connect: Connection refused");
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        breaker.beforeAttempt();
        breaker.onFailure("cannot connect: Connection refused");

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(breaker::failFastIfOpen)
                .isInstanceOf(RouterCircuitOpenException.class)
                .hasMessage("router r1:8728 unreachable: cannot connect: Connection refused (circuit open, retry in 10s)");
    }

    @Test
    void aSuccessResetsTheCount() {
        breaker.onFailure("x");
        breaker.onFailure("x");
        breaker.onSuccess();
        breaker.onFailure("x");
        breaker.onFailure("x");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void afterTheCooldownOneProbeGoesThroughAndDecides() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure("timed out");
        }
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThatThrownBy(breaker::beforeAttempt).hasMessageContaining("retry in 6s");

        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThatCode(breaker::failFastIfOpen).doesNotThrowAnyException();
        breaker.beforeAttempt();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThatThrownBy(breaker::failFastIfOpen).hasMessageContaining("probe connection is under way");

        breaker.onFailure("timed out again");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(breaker::beforeAttempt).hasMessageContaining("timed out again").hasMessageContaining("10s");

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        breaker.beforeAttempt();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThatCode(breaker::failFastIfOpen).doesNotThrowAnyException();
    }
}
