package dev.synin.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Opens streamed chats as a {@link Workload} says and records what the client sees of each. Runs on its own event
 * loop, apart from the fake upstream's, so that reading and writing do not queue behind each other.
 */
final class LoadGenerator extends AbstractVerticle {

    private HttpClient client;

    @Override
    public void start() {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(300)
                .setTcpNoDelay(true).setConnectTimeout(10_000).setIdleTimeout(60),
                new PoolOptions().setHttp1MaxSize(4096));
    }

    /** Runs the workload against the target; the future completes when every stream has ended or been cut. */
    Future<StepStats> run(Target target, Workload workload, String phase) {
        Promise<StepStats> result = Promise.promise();
        context.runOnContext(v -> new Run(target, workload, new StepStats(target.name(), phase, workload), result).start());
        return result.future();
    }

    private final class Run {
        private final Target target;
        private final Workload workload;
        private final StepStats stats;
        private final Promise<StepStats> result;
        private final Map<HttpClientRequest, StreamRecorder> open = new HashMap<>();
        private long startedMicros;
        private int usersLeft;
        private boolean cut;
        private long deadlineTimer;

        Run(Target target, Workload workload, StepStats stats, Promise<StepStats> result) {
            this.target = target;
            this.workload = workload;
            this.stats = stats;
            this.result = result;
        }

        void start() {
            startedMicros = BenchClock.micros();
            usersLeft = workload.concurrency();
            deadlineTimer = vertx.setTimer(workload.deadlineMillis(), id -> cut());
            for (int user = 0; user < workload.concurrency(); user++) {
                long delay = (long) workload.rampMillis() * user / workload.concurrency();
                int id = user;
                if (delay == 0) {
                    stream(id, 0);
                } else {
                    vertx.setTimer(delay, timer -> stream(id, 0));
                }
            }
        }

        private void stream(int user, int round) {
            if (round == workload.rounds() || cut) {
                if (--usersLeft == 0) {
                    vertx.cancelTimer(deadlineTimer);
                    stats.wallMicros = BenchClock.micros() - startedMicros;
                    result.complete(stats);
                }
                return;
            }
            stats.streams++;
            Directive directive = workload.directive(tag());
            MultiMap headers = MultiMap.caseInsensitiveMultiMap();
            target.headers(headers);
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                    .setPort(target.port()).setURI(target.uri()).setHeaders(headers);
            StreamRecorder recorder = new StreamRecorder(stats, directive, System.nanoTime());
            SseParser parser = new SseParser(recorder);
            HttpClientRequest[] request = new HttpClientRequest[1];
            boolean[] ended = new boolean[1];
            Runnable next = () -> {
                if (!ended[0]) {
                    ended[0] = true;
                    open.remove(request[0]);
                    stream(user, round + 1);
                }
            };
            client.request(options).compose(opened -> {
                request[0] = opened;
                open.put(opened, recorder);
                return opened.send(target.body(directive.text(), user, round, workload.concurrency()));
            }).onComplete(ar -> {
                if (ar.failed()) {
                    recorder.fail(String.valueOf(ar.cause()));
                    next.run();
                    return;
                }
                var response = ar.result();
                if (response.statusCode() != 200) {
                    response.body().onComplete(body -> {
                        recorder.fail("HTTP " + response.statusCode() + " " + (body.succeeded() ? body.result() : ""));
                        next.run();
                    });
                    return;
                }
                response.handler(buffer -> parser.feed(buffer, System.nanoTime()));
                response.exceptionHandler(e -> {
                    recorder.fail(String.valueOf(e));
                    next.run();
                });
                response.endHandler(end -> {
                    recorder.finish();
                    next.run();
                });
            });
        }

        /** The deadline passed: reset what is still open so that the run ends. */
        private void cut() {
            cut = true;
            Map<HttpClientRequest, StreamRecorder> cutting = Map.copyOf(open);
            cutting.values().forEach(recorder -> recorder.fail("cut at the deadline"));
            cutting.keySet().forEach(HttpClientRequest::reset);
        }
    }

    private static String tag() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] tag = new char[6];
        for (int i = 0; i < tag.length; i++) {
            tag[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(tag);
    }
}
