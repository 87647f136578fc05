package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and its private key as PEM files, for a server under test that
 * speaks TLS. Made with the JDK's own {@code keytool} (no OpenSSL on a fresh machine), then read back
 * from its PKCS#12 store to write the PEM files servers such as Redis take.
 */
public record TlsFiles(Path certificate, Path privateKey) {
    private static final char[] PASSWORD = "parley-test".toCharArray();

    public static TlsFiles selfSigned(Path dir) {
        Path store = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        try {
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
                    "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1",
                    "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD);
            }
            Certificate certificate = keys.getCertificate("server");
            PrivateKey key = (PrivateKey) keys.getKey("server", PASSWORD);
            Path cert = dir.resolve("server.crt");
            Path keyFile = dir.resolve("server.key");
            Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            return new TlsFiles(cert, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }

    /** redis-server options that serve TLS on {@code port} with these files, clients not asked for certificates. */
    public List<String> redisOptions(int port) {
        return List.of("--tls-port", Integer.toString(port), "--tls-cert-file", certificate.toString(),
                "--tls-key-file", privateKey.toString(), "--tls-ca-cert-file", certificate.toString(),
                "--tls-auth-clients", "no");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
