package org.syncscope.statuspage.internal;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** One request through a servlet without a container: what it answered. */
final class FakeHttp {

    /** What the servlet set and wrote. */
    static final class Answer {
        int status = 200;
        String contentType;
        String redirect;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private FakeHttp() {
    }

    /** {@code method} of {@code pathInfo} (null for none) below {@code servletPath}. */
    static Answer call(HttpServlet servlet, String method, String servletPath, String pathInfo) throws Exception {
        Answer answer = new Answer();
        String uri = servletPath + (pathInfo == null ? "" : pathInfo);
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> pathInfo;
                    case "getServletPath" -> servletPath;
                    case "getRequestURI" -> uri;
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "getRemotePort" -> 40000;
                    case "startAsync" -> throw new IllegalStateException("this fake answers no async request");
                    case "toString" -> method + " " + uri;
                    default -> throw new UnsupportedOperationException("request." + m.getName());
                });
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                answer.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> answer.status = (Integer) args[0];
                        case "setContentType" -> answer.contentType = (String) args[0];
                        case "setHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                        case "setContentLength" -> answer.headers.put("Content-Length", String.valueOf(args[0]));
                        case "sendRedirect" -> {
                            answer.status = 302;
                            answer.redirect = (String) args[0];
                        }
                        case "getOutputStream" -> {
                            return out;
                        }
                        case "toString" -> {
                            return "response";
                        }
                        default -> throw new UnsupportedOperationException("response." + m.getName());
                    }
                    return null;
                });
        servlet.service(req, resp);
        return answer;
    }
}
