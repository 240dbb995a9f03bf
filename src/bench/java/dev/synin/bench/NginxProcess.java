package dev.synin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's nginx as a plain unbuffered SSE proxy in front of the fake upstream: what a proxy that does nothing costs.
 * Runs in the foreground from a generated configuration in its own directory, with as many workers as cores.
 */
final class NginxProcess implements AutoCloseable {

    private final Process process;
    final int port;

    private NginxProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static NginxProcess start(Path dir, int port, int upstreamPort) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("logs"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 8192; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    keepalive_timeout 300s;
                    keepalive_requests 100000;
                    upstream fake { server 127.0.0.1:%3$d; keepalive 2048; keepalive_requests 100000; }
                    server {
                        listen 127.0.0.1:%2$d backlog=4096;
                        location / {
                            proxy_pass http://fake;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_buffering off;
                            proxy_cache off;
                            proxy_read_timeout 300s;
                        }
                    }
                }
                """.formatted(dir.toAbsolutePath(), port, upstreamPort));
        Process process = new ProcessBuilder("nginx", "-p", dir.toAbsolutePath().toString(),
                "-e", dir.resolve("logs/error.log").toAbsolutePath().toString(), "-c", conf.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        Pids.record(process.pid());
        Ports.awaitListening(port, 10_000);
        if (!process.isAlive()) {
            throw new IOException("nginx exited: see " + dir.resolve("logs"));
        }
        return new NginxProcess(process, port);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
