package io.routerbridge.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.routerbridge.config.ServiceConfig;
import io.routerbridge.crypto.CredentialCipher;
import java.time.Clock;
import org.jooq.DSLContext;

/**
 * What every module is built from: configuration, the database (handed on to the module's repositories only), the
 * clock, the JSON mapper and the cipher for credentials kept in our tables.
 */
public record Infrastructure(ServiceConfig config, DSLContext dsl, Clock clock, ObjectMapper json,
                             CredentialCipher cipher) {
}
