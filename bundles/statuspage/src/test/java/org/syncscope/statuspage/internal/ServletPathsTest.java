package org.syncscope.statuspage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.syncscope.statuspage.internal.FakeHttp.Answer;

class ServletPathsTest {

    private final SnapshotPush push = new SnapshotPush(OverviewJsonTest::demo, new PushSettings(1, 1));

    @AfterEach
    void closePush() {
        push.close();
    }

    @Test
    void thePageAndItsFilesAreServedFromTheBundle() throws Exception {
        Answer page = FakeHttp.call(new PageServlet(), "GET", "/syncscope", "/");
        assertThat(page.status).isEqualTo(200);
        assertThat(page.contentType).startsWith("text/html");
        assertThat(page.text()).contains("<script src=\"vendor/uPlot.iife.min.js\"></script>").contains("<script src=\"app.js\"></script>");

        Answer uplot = FakeHttp.call(new PageServlet(), "GET", "/syncscope", "/vendor/uPlot.iife.min.js");
        assertThat(uplot.status).isEqualTo(200);
        assertThat(uplot.contentType).startsWith("text/javascript");
        // the file the build fetched from npm, not a placeholder
        assertThat(uplot.text()).contains("uPlot").hasSizeGreaterThan(20_000);
        assertThat(FakeHttp.call(new PageServlet(), "GET", "/syncscope", "/vendor/uPlot.min.css").text()).contains(".uplot");
        assertThat(FakeHttp.call(new PageServlet(), "GET", "/syncscope", "/app.js").text()).contains("new EventSource('events')");
    }

    @Test
    void withoutTheSlashTheBrowserIsSentToThePage() throws Exception {
        Answer a = FakeHttp.call(new PageServlet(), "GET", "/syncscope", null);
        assertThat(a.status).isEqualTo(302);
        assertThat(a.redirect).isEqualTo("/syncscope/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nosuch", "/index.html/..", "/../app.js", "/api/other", "/web/app.js", "/vendor/"})
    void anyOtherPathIs404WithAPlainMessage(String path) throws Exception {
        Answer a = FakeHttp.call(new PageServlet(), "GET", "/syncscope", path);
        assertThat(a.status).isEqualTo(404);
        assertThat(a.contentType).startsWith("text/plain");
        assertThat(a.text()).startsWith("no such page: /syncscope" + path + " (the status page is /syncscope/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"})
    void everyMethodButGetIs405OnEveryPath(String method) throws Exception {
        for (Answer a : new Answer[] {
                FakeHttp.call(new PageServlet(), method, "/syncscope", "/"),
                FakeHttp.call(new OverviewServlet(OverviewJsonTest::demo), method, "/syncscope/api/overview", null),
                FakeHttp.call(new EventsServlet(push), method, "/syncscope/events", null)}) {
            assertThat(a.status).isEqualTo(405);
            assertThat(a.headers).containsEntry("Allow", "GET");
            assertThat(a.text()).isEqualTo(method + " is not allowed: the status page only serves GET and changes nothing\n");
        }
    }

    @Test
    void theApiServesTheSnapshotAsJson() throws Exception {
        Answer a = FakeHttp.call(new OverviewServlet(OverviewJsonTest::demo), "GET", "/syncscope/api/overview", null);
        assertThat(a.status).isEqualTo(200);
        assertThat(a.contentType).isEqualTo("application/json; charset=UTF-8");
        assertThat(a.headers).containsEntry("Cache-Control", "no-store")
                .containsEntry("Content-Length", String.valueOf(a.body.size()));
        assertThat(a.text()).isEqualTo(OverviewJson.of(OverviewJsonTest.demo()));
    }

    @Test
    void anEventStreamBeyondMaxClientsIs503() throws Exception {
        RecordingClient first = new RecordingClient();
        assertThat(push.admit(() -> first)).isSameAs(first);
        Answer a = FakeHttp.call(new EventsServlet(push), "GET", "/syncscope/events", null);
        assertThat(a.status).isEqualTo(503);
        assertThat(a.contentType).startsWith("text/plain");
        assertThat(a.headers).containsKey("Retry-After");
        assertThat(new String(a.body.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("the status page serves at most 1 event "
                + "streams and all are in use (maxClients in etc/org.syncscope.statuspage.cfg); try again later\n");
        assertThat(push.clients()).isEqualTo(1);
    }
}
