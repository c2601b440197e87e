package io.routerbridge.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures every log line the service emits (at the configured levels, i.e. what production would
 * log) while open, with stack traces, so tests can assert that no secret ever reaches a log.
 *
 * <pre>
 * try (LogCapture logs = LogCapture.start()) {
 *     ... exercise the service ...
 *     logs.assertNoLineContains(routerPassword, sharedSecret);
 * }
 * </pre>
 */
public final class LogCapture implements AutoCloseable {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Appender appender = new Appender();
    private final Logger root;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(context);
        appender.setName("log-capture-" + System.identityHashCode(this));
        appender.start();
        root.addAppender(appender);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Every captured line: level, logger, formatted message, then any stack trace. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Fails naming the offending line number (never echoing the secret) if any line contains any of the secrets. */
    public void assertNoLineContains(String... secrets) {
        List<String> captured = lines();
        for (int s = 0; s < secrets.length; s++) {
            String secret = secrets[s];
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("secret #" + s + " is empty; nothing to look for");
            }
            for (int i = 0; i < captured.size(); i++) {
                if (captured.get(i).contains(secret)) {
                    throw new AssertionError("secret #" + s + " (length " + secret.length() + ") appears in log line " + i
                            + " of " + captured.size() + ", logger line starts: "
                            + captured.get(i).substring(0, Math.min(60, captured.get(i).indexOf(secret))));
                }
            }
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }

    private final class Appender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder()
                    .append(event.getLevel()).append(' ')
                    .append(event.getLoggerName()).append(" - ")
                    .append(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            lines.add(line.toString());
        }
    }
}
