package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy in this JVM over its own "filesystem-nio2" blob store. Not jclouds' "filesystem" store: that one lists a
 * zero-byte placeholder for every key prefix ({@code uid/}, {@code uid/input/}), which real MinIO does not, and so
 * inflated every object count (16 937 entries listed for 7 101 objects). This one lists what was put, like MinIO:
 * a zero-byte key ending in '/' appears only when a client wrote one (a folder made in a console).
 */
final class S3ProxyServer implements S3Server {
    static final String VERSION = "2.6.0";
    private static final String PROVIDER = "filesystem-nio2";

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final S3Endpoint endpoint;

    private S3ProxyServer(BlobStoreContext context, S3Proxy proxy, S3Endpoint endpoint) {
        this.context = context;
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    static S3Server start(Role role, Path dir) {
        Path base = dir.resolve("s3proxy");
        Credentials credentials = Credentials.random();
        BlobStoreContext context = null;
        try {
            Files.createDirectories(base);
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", base.toString());
            context = ContextBuilder.newBuilder(PROVIDER)
                    .credentials(credentials.accessKey(), credentials.secretKey())
                    .overrides(properties)
                    .buildView(BlobStoreContext.class);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.accessKey(), credentials.secretKey())
                    .build();
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                if (proxy.getState().equals("FAILED")) {
                    throw new IllegalStateException("Jetty failed to start");
                }
                Thread.sleep(10);
            }
            S3Endpoint endpoint = new S3Endpoint("http://127.0.0.1:" + proxy.getPort(), credentials.accessKey(),
                    credentials.secretKey());
            return new S3ProxyServer(context, proxy, endpoint);
        } catch (Exception e) {
            if (context != null) {
                context.close();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new StoreException("S3Proxy " + VERSION + " for " + role.label() + " did not start over " + base + ": "
                    + e.getMessage(), "check that " + base.getParent() + " is writable; or put a `minio` binary on PATH",
                    e);
        }
    }

    @Override
    public S3Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "S3Proxy " + VERSION + " embedded (" + PROVIDER + ")";
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new StoreException("S3Proxy at " + endpoint.endpoint() + " did not stop: " + e.getMessage(),
                    "nothing to do for the data; the JVM's exit frees the port", e);
        } finally {
            context.close();
        }
    }
}
