package org.syncscope.statuspage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A servlet that only reads: GET goes to {@link #get}, every other method is answered 405 with a
 * plain message (HttpServlet would let HEAD, OPTIONS and TRACE through and answer the others in
 * HTML). Errors are plain text too.
 */
abstract class GetOnlyServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected final void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"GET".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET");
            plain(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    req.getMethod() + " is not allowed: the status page only serves GET and changes nothing");
            return;
        }
        get(req, resp);
    }

    abstract void get(HttpServletRequest req, HttpServletResponse resp) throws IOException;

    static void plain(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
