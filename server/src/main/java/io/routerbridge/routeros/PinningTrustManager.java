package io.routerbridge.routeros;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one certificate, named by its SHA-256 fingerprint; no PKIX chain, host name or validity checks,
 * because routers present self-signed certificates and the pin is the whole trust decision. Without a pin it
 * accepts (trust on first use) or refuses, and in both cases remembers what it saw so it can be reported.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
    private final String expectedSha256;
    private final boolean acceptUnpinned;
    private volatile String seenSha256;

    PinningTrustManager(String expectedSha256, boolean acceptUnpinned) {
        this.expectedSha256 = expectedSha256;
        this.acceptUnpinned = acceptUnpinned;
    }

    String seenSha256() {
        return seenSha256;
    }

    boolean mismatch() {
        return seenSha256 != null && expectedSha256 != null && !expectedSha256.equals(seenSha256);
    }

    boolean refusedUnpinned() {
        return seenSha256 != null && expectedSha256 == null && !acceptUnpinned;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the router presented no certificate");
        }
        seenSha256 = CertificatePins.sha256(chain[0]);
        if (expectedSha256 != null) {
            if (!expectedSha256.equals(seenSha256)) {
                throw new CertificateException("certificate does not match the pinned SHA-256 fingerprint");
            }
        } else if (!acceptUnpinned) {
            throw new CertificateException("no certificate fingerprint is pinned for this router");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
