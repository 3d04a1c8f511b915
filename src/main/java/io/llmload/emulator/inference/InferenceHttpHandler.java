package io.llmload.emulator.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.emulator.AnswerWriter;
import io.llmload.emulator.HttpReplies;
import io.llmload.emulator.Json;
import io.llmload.tokenizer.TokenCounter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Simple Inference Server's HTTP API: {@code /v1/embeddings}, {@code /v1/chat/completions}
 * (text, {@code data:} images, JSON or SSE), {@code /v1/audio/transcriptions} (multipart),
 * {@code /v1/models}, {@code /health} (status, warm-up, queues, runtime config) and {@code /metrics}.
 * Errors use FastAPI's {@code {"detail": ...}} body.
 */
@ChannelHandler.Sharable
public final class InferenceHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final InferenceServer server;
    private final InferenceServerSettings settings;
    private final TokenCounter tokenizer;
    private final AnswerWriter answers;
    private final long seed;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong ordinals = new AtomicLong();

    public InferenceHttpHandler(InferenceServer server, TokenCounter tokenizer, long seed) {
        this.server = server;
        this.settings = server.settings;
        this.tokenizer = tokenizer;
        this.answers = new AnswerWriter(seed);
        this.seed = seed;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path = new QueryStringDecoder(req.uri()).path();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        Channel channel = ctx.channel();
        boolean get = HttpMethod.GET.equals(req.method());
        boolean post = HttpMethod.POST.equals(req.method());
        try {
            if (get && path.equals("/health")) {
                boolean ok = settings.healthy();
                HttpReplies.send(channel, keepAlive, ok ? 200 : 503, "application/json", health(ok));
            } else if (get && path.equals("/metrics")) {
                HttpReplies.send(channel, keepAlive, 200, "text/plain; version=0.0.4; charset=utf-8", server.metrics.render());
            } else if (get && path.equals("/v1/models")) {
                HttpReplies.send(channel, keepAlive, 200, "application/json", models());
            } else if (post && path.equals("/v1/embeddings")) {
                embeddings(channel, keepAlive, req);
            } else if (post && path.equals("/v1/chat/completions")) {
                chat(channel, keepAlive, req);
            } else if (post && path.equals("/v1/audio/transcriptions")) {
                audio(channel, keepAlive, req);
            } else {
                detail(channel, keepAlive, 404, "Not Found");
            }
        } catch (BadRequest e) {
            String capability = path.contains("embeddings") ? InferenceMetrics.EMBEDDING
                    : path.contains("audio") ? InferenceMetrics.AUDIO : InferenceMetrics.CHAT;
            server.metrics.request(capability, e.status);
            detail(channel, keepAlive, e.status, e.getMessage());
        }
    }

    private void embeddings(Channel channel, boolean keepAlive, FullHttpRequest req) {
        JsonNode body = parse(req);
        JsonNode input = body.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) texts.add(input.asText());
        else if (input.isArray()) input.forEach(t -> texts.add(t.asText()));
        else throw new BadRequest(422, "input must be a string or a list of strings");
        for (String text : texts) {
            if (text.length() > settings.maxTextChars()) {
                throw new BadRequest(400, "input text of " + text.length() + " characters exceeds MAX_TEXT_CHARS=" + settings.maxTextChars());
            }
        }
        Reply reply = reply(channel, keepAlive);
        onLoop(() -> {
            if (notWarm(InferenceMetrics.EMBEDDING, reply)) return;
            server.embed(texts, reply, done -> reply.json(200, embeddingsJson(texts)));
        });
    }

    private void chat(Channel channel, boolean keepAlive, FullHttpRequest req) {
        JsonNode body = parse(req);
        StringBuilder prompt = new StringBuilder();
        int images = 0;
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                prompt.append(content.asText()).append('\n');
            } else {
                for (JsonNode part : content) {
                    if ("image_url".equals(part.path("type").asText())) {
                        checkImage(part.path("image_url").path("url").asText());
                        images++;
                    } else {
                        prompt.append(part.path("text").asText()).append('\n');
                    }
                }
            }
        }
        int promptTokens = tokenizer.count(prompt.toString());
        if (promptTokens > settings.chatMaxPromptTokens()) {
            throw new BadRequest(400, "prompt has " + promptTokens + " tokens, more than CHAT_MAX_PROMPT_TOKENS=" + settings.chatMaxPromptTokens());
        }
        int maxTokens = body.path("max_tokens").asInt(Integer.MAX_VALUE);
        long ordinal = ordinals.incrementAndGet();
        Random random = new Random(seed * 31 + ordinal);
        List<String> pieces = tokenizer.pieces(answers.prose(settings.chatAnswerTokensMean(), random));
        if (pieces.size() > maxTokens) pieces = pieces.subList(0, Math.max(1, maxTokens));
        boolean stream = body.path("stream").asBoolean(false);
        String id = "chatcmpl-" + ordinal;
        Reply reply = reply(channel, keepAlive);
        Work work = new Work(InferenceMetrics.CHAT, System.nanoTime(), reply, pieces, prompt.length(), images, stream, 0);
        server.imagesReceived.add(images);
        List<String> answer = pieces;
        work.onToken = index -> reply.streamChunk(chunk(id, answer.get(index), null));
        work.onDone = done -> {
            if (stream) {
                reply.streamChunk(chunk(id, "", "stop"));
                reply.streamEnd();
            } else {
                reply.json(200, chatJson(id, String.join("", answer), promptTokens, answer.size()));
            }
        };
        onLoop(() -> {
            if (!notWarm(InferenceMetrics.CHAT, reply)) server.chat(work);
        });
    }

    private void audio(Channel channel, boolean keepAlive, FullHttpRequest req) {
        HttpPostRequestDecoder decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), req);
        byte[] file = null;
        String model = null;
        try {
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof FileUpload upload && upload.getName().equals("file")) file = upload.get();
                else if (data instanceof Attribute attribute && attribute.getName().equals("model")) model = attribute.getValue();
            }
        } catch (IOException | HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw new BadRequest(400, "invalid multipart body: " + e.getMessage());
        } finally {
            decoder.destroy();
        }
        if (file == null) throw new BadRequest(422, "field 'file' is required");
        if (model == null) throw new BadRequest(422, "field 'model' is required");
        if (file.length > settings.maxAudioBytes()) {
            throw new BadRequest(413, "audio file of " + file.length + " bytes exceeds MAX_AUDIO_BYTES=" + settings.maxAudioBytes());
        }
        double seconds = wavSeconds(file);
        String transcript = answers.prose(Math.max(3, (int) (seconds * 2.5)), new Random(seed * 31 + Arrays.hashCode(file)));
        Reply reply = reply(channel, keepAlive);
        Work work = new Work(InferenceMetrics.AUDIO, System.nanoTime(), reply, List.of(), 0, 0, false, seconds);
        work.onDone = done -> reply.json(200, "{\"text\":" + Json.quote(transcript) + "}");
        onLoop(() -> {
            if (!notWarm(InferenceMetrics.AUDIO, reply)) server.transcribe(work);
        });
    }

    /** Seconds of a PCM WAV file from its header; other formats count as 16 kB/s. */
    static double wavSeconds(byte[] file) {
        if (file.length > 44 && new String(file, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
            int byteRate = ByteBuffer.wrap(file, 28, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (byteRate > 0) return (file.length - 44) / (double) byteRate;
        }
        return file.length / 16_000.0;
    }

    private static void checkImage(String url) {
        int comma = url.indexOf(',');
        if (!url.startsWith("data:image/") || !url.contains(";base64,") || comma < 0) {
            throw new BadRequest(400, "only data:image/...;base64 URLs are allowed (ALLOW_REMOTE_IMAGES=0)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(url.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, "image data is not valid base64");
        }
        boolean png = bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
        if (!png && !jpeg) throw new BadRequest(400, "image is neither PNG nor JPEG");
    }

    private boolean notWarm(String capability, Reply reply) {
        if (server.warm()) return false;
        Work rejected = new Work(capability, System.nanoTime(), reply, List.of(), 0, 0, false, 0);
        server.reject(rejected, 503, "model is warming up");
        return true;
    }

    private String embeddingsJson(List<String> texts) {
        ObjectNode out = json.createObjectNode().put("object", "list");
        ArrayNode data = out.putArray("data");
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            ArrayNode vector = item.putArray("embedding");
            SplittableRandom random = new SplittableRandom(seed ^ texts.get(i).hashCode());
            double[] v = new double[settings.embeddingDimension()];
            double norm = 0;
            for (int d = 0; d < v.length; d++) {
                v[d] = random.nextDouble(-1, 1);
                norm += v[d] * v[d];
            }
            norm = Math.sqrt(norm);
            for (double x : v) vector.add(Math.round(x / norm * 1e5) / 1e5);
            tokens += tokenizer.count(texts.get(i));
        }
        out.put("model", settings.embeddingModel());
        out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return out.toString();
    }

    private String chatJson(String id, String text, int promptTokens, int completionTokens) {
        ObjectNode out = json.createObjectNode().put("id", id).put("object", "chat.completion").put("model", settings.chatModel());
        ObjectNode choice = out.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        out.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return out.toString();
    }

    private String chunk(String id, String piece, String finish) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"model\":" + Json.quote(settings.chatModel())
                + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":" + Json.quote(piece) + "},\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
    }

    private String health(boolean ok) {
        boolean warm = server.warm();
        ObjectNode out = json.createObjectNode().put("status", ok ? "ok" : "unhealthy");
        ArrayNode models = out.putArray("models");
        for (String m : new String[]{settings.embeddingModel(), settings.chatModel(), settings.audioModel()}) models.add(m);
        ObjectNode warmup = out.putObject("warmup").put("enabled", !settings.warmupDuration().isZero()).put("done", warm);
        ArrayNode okModels = warmup.putArray("ok_models");
        if (warm) models.forEach(okModels::add);
        warmup.putArray("failures");
        ObjectNode capabilities = warmup.putObject("capabilities");
        capabilities.putObject(settings.embeddingModel()).put("embeddings", warm);
        capabilities.putObject(settings.chatModel()).put("chat", warm).put("vision", warm);
        capabilities.putObject(settings.audioModel()).put("audio", warm);
        out.putObject("chat_batch_queues").putObject(settings.chatModel()).put("size", 0).put("max_size", settings.chatBatchQueueSize());
        out.putObject("embedding_batch_queues").putObject(settings.embeddingModel()).put("size", 0)
                .put("max_size", settings.embeddingBatchMaxSize());
        out.putObject("runtime_config").put("MAX_CONCURRENT", settings.maxConcurrent()).put("MAX_QUEUE_SIZE", settings.maxQueueSize())
                .put("AUDIO_MAX_CONCURRENT", settings.audioMaxConcurrent())
                .put("ENABLE_EMBEDDING_BATCHING", settings.embeddingBatching() ? 1 : 0)
                .put("EMBEDDING_BATCH_WINDOW_MS", settings.embeddingBatchWindow().toMillis())
                .put("ENABLE_CHAT_BATCHING", settings.chatBatching() ? 1 : 0)
                .put("CHAT_BATCH_WINDOW_MS", settings.chatBatchWindow().toMillis())
                .put("MAX_TEXT_CHARS", settings.maxTextChars()).put("MAX_AUDIO_BYTES", settings.maxAudioBytes());
        return out.toString();
    }

    private String models() {
        ObjectNode out = json.createObjectNode().put("object", "list");
        ArrayNode data = out.putArray("data");
        for (String m : new String[]{settings.embeddingModel(), settings.chatModel(), settings.audioModel()}) {
            data.addObject().put("id", m).put("object", "model").put("owned_by", "llmload-emulator");
        }
        return out.toString();
    }

    private JsonNode parse(FullHttpRequest req) {
        try {
            return json.readTree(req.content().toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new BadRequest(400, "invalid JSON body");
        }
    }

    private void onLoop(Runnable task) {
        if (server.loop().inEventLoop()) task.run();
        else server.loop().execute(task);
    }

    private static Reply reply(Channel channel, boolean keepAlive) {
        return new Reply() {
            @Override
            public boolean open() {
                return channel.isActive();
            }

            @Override
            public void json(int status, String body) {
                HttpReplies.send(channel, keepAlive, status, "application/json", body);
            }

            @Override
            public void streamStart() {
                DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
                head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                HttpUtil.setKeepAlive(head, keepAlive);
                channel.writeAndFlush(head);
            }

            @Override
            public void streamChunk(String data) {
                channel.writeAndFlush(new DefaultHttpContent(HttpReplies.utf8("data: " + data + "\n\n")));
            }

            @Override
            public void streamEnd() {
                channel.write(new DefaultHttpContent(HttpReplies.utf8("data: [DONE]\n\n")));
                var future = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                if (!keepAlive) future.addListener(ChannelFutureListener.CLOSE);
            }
        };
    }

    private static void detail(Channel channel, boolean keepAlive, int status, String message) {
        HttpReplies.send(channel, keepAlive, status, "application/json", "{\"detail\":" + Json.quote(message) + "}");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
