//! The JSON API through the router: every route in the OpenAPI document answers as it says,
//! errors are JSON with the right status, and the limits hold.

mod common;

use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::http::{header, Method, Request, StatusCode};
use sayso_server::{router, App, Limits};
use serde_json::{json, Value};
use tower::ServiceExt;

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    json: Value,
}

async fn send(app: &App, request: Request<Body>) -> Answer {
    let response = router(app.clone()).oneshot(request).await.expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.expect("a body");
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer { status, headers, json }
}

async fn get(app: &App, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post_json(app: &App, uri: &str, body: impl Into<Body>) -> Answer {
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap();
    send(app, request).await
}

fn assert_error(answer: &Answer, status: StatusCode, code: &str) {
    assert_eq!(answer.status, status, "{}", answer.json);
    assert_eq!(answer.json["error"]["status"], status.as_u16(), "{}", answer.json);
    assert_eq!(answer.json["error"]["code"], code, "{}", answer.json);
    assert!(answer.json["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
}

/// Every path and method in openapi.json answers, with its example parameters, one of the
/// status codes the document lists for it, and a 2xx among them.
#[tokio::test]
async fn every_route_in_the_openapi_document_answers() {
    let app = common::app(Limits::default());
    let doc: Value = serde_json::from_str(include_str!("../assets/openapi.json")).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    // Store ids are hashes, so the ids to try come from the store itself.
    let article_id = get(&app, "/api/search?q=rushed").await.json["hits"][0]["article_id"].clone();
    let speaker_id = get(&app, "/api/speakers?top=1").await.json[0]["id"].clone();
    assert!(paths.len() >= 8, "the document lists the routes");
    for (path, operations) in paths {
        for (method, operation) in operations.as_object().unwrap() {
            let mut uri = path.clone();
            let mut query = Vec::new();
            for p in operation["parameters"].as_array().into_iter().flatten() {
                let Some(example) = p.get("example") else { continue };
                let value = example.as_str().map_or_else(|| example.to_string(), str::to_string);
                match p["in"].as_str() {
                    Some("path") => {
                        let id = if path.starts_with("/api/articles/") {
                            &article_id
                        } else {
                            &speaker_id
                        };
                        let value = id.as_str().map_or(value, |id| id.replace(' ', "%20"));
                        uri = uri.replace(&format!("{{{}}}", p["name"].as_str().unwrap()), &value)
                    }
                    _ => query.push(format!("{}={}", p["name"].as_str().unwrap(), value)),
                }
            }
            if !query.is_empty() {
                uri = format!("{uri}?{}", query.join("&"));
            }
            let method: Method = method.to_uppercase().parse().unwrap();
            let body = operation["requestBody"]["content"]["application/json"]["example"].clone();
            let request = Request::builder()
                .method(method.clone())
                .uri(&uri)
                .header(header::CONTENT_TYPE, "application/json")
                .body(if body.is_null() { Body::empty() } else { Body::from(body.to_string()) })
                .unwrap();
            let answer = send(&app, request).await;
            let documented = operation["responses"].as_object().unwrap();
            assert!(
                answer.status.is_success() && documented.contains_key(answer.status.as_str()),
                "{method} {uri} answered {} ({}); the document lists {:?}",
                answer.status,
                answer.json,
                documented.keys().collect::<Vec<_>>()
            );
        }
    }
}

#[tokio::test]
async fn extract_answers_what_the_cli_prints() {
    let app = common::app(Limits::default());
    let text = "“We will win,” Ms Okafor said, “and soon.” Café 😬.";
    let answer =
        post_json(&app, "/api/extract", json!({"text": text, "id": "x"}).to_string()).await;
    assert_eq!(answer.status, StatusCode::OK);
    let extraction = sayso::Extractor::new().extract(text);
    let expected =
        sayso::wire::Article::new("x", text, &extraction, sayso::wire::OffsetUnit::Bytes, None);
    let expected: Value = serde_json::from_str(&serde_json::to_string(&expected).unwrap()).unwrap();
    assert_eq!(answer.json, expected);
    let content = &answer.json["attributions"][0]["content"][0];
    let (start, end) =
        (content["start"].as_u64().unwrap() as usize, content["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[start..end], content["text"].as_str().unwrap());

    let chars =
        post_json(&app, "/api/extract", json!({"text": text, "offsets": "chars"}).to_string())
            .await;
    assert_eq!(chars.json["id"], "-");
    let cue = &chars.json["attributions"][0]["cue"];
    let start = cue["start"].as_u64().unwrap() as usize;
    let by_chars: String = text.chars().skip(start).take(4).collect();
    assert_eq!(by_chars, "said");
}

#[tokio::test]
async fn extract_rejects_bad_bodies_with_json_errors() {
    let app = common::app(Limits { max_body_bytes: 1000, ..Limits::default() });
    assert_error(
        &post_json(&app, "/api/extract", "{not json").await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_error(
        &post_json(&app, "/api/extract", r#"{"txt": "a"}"#).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "bad_request",
    );
    let big = json!({"text": "a".repeat(2000)}).to_string();
    assert_error(
        &post_json(&app, "/api/extract", big).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
    );
    let bad_p = json!({"text": "a", "min_confidence": 2}).to_string();
    assert_error(
        &post_json(&app, "/api/extract", bad_p).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    let plain = Request::post("/api/extract").body(Body::from(r#"{"text":"a"}"#)).unwrap();
    assert_error(
        &send(&app, plain).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    );
    let wrong_method = get(&app, "/api/extract").await;
    assert_error(&wrong_method, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    let bad_utf8 = get(&app, "/api/articles/%FF").await;
    assert_error(&bad_utf8, StatusCode::BAD_REQUEST, "bad_request");
}

#[tokio::test]
async fn a_body_streamed_without_length_is_limited_too() {
    let app = common::app(Limits { max_body_bytes: 1000, ..Limits::default() });
    let body = Body::new(Chunks(10));
    assert_error(
        &post_json(&app, "/api/extract", body).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
    );
}

/// A body of 500-byte chunks with no length announced, as a chunked upload sends it.
struct Chunks(usize);

impl http_body::Body for Chunks {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        if self.0 == 0 {
            return std::task::Poll::Ready(None);
        }
        self.0 -= 1;
        let chunk = axum::body::Bytes::from_static(&[b' '; 500]);
        std::task::Poll::Ready(Some(Ok(http_body::Frame::data(chunk))))
    }
}

#[tokio::test]
async fn slow_requests_time_out_with_503() {
    let limits = Limits {
        request_timeout: Duration::from_millis(1),
        max_body_bytes: 8 << 20,
        ..Limits::default()
    };
    let app = common::app(limits);
    let text = include_str!("../../../examples/okafor.txt").repeat(200);
    let answer = post_json(&app, "/api/extract", json!({ "text": text }).to_string()).await;
    assert_error(&answer, StatusCode::SERVICE_UNAVAILABLE, "timeout");
}

#[tokio::test]
async fn search_filters_and_validates() {
    let app = common::app(Limits::default());
    let all = get(&app, "/api/search").await;
    assert_eq!(all.status, StatusCode::OK);
    let total = all.json["total"].as_u64().unwrap();
    assert!(total > 10, "{}", all.json);

    let rivers = get(&app, "/api/search?q=rivers&limit=1").await;
    assert_eq!(rivers.json["hits"].as_array().unwrap().len(), 1);
    let content = rivers.json["hits"][0]["content"].as_str().unwrap().to_lowercase();
    assert!(content.contains("river"), "stemmed: {content}");

    let direct = get(&app, "/api/search?kind=direct&outlet=le%20quotidien").await;
    let hits = direct.json["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits.iter().all(|h| h["kind"] == "direct" && h["outlet"] == "Le Quotidien"),
        "{hits:?}"
    );

    let dated = get(&app, "/api/search?since=2025-01-01&until=2025-02-28").await;
    let hits = dated.json["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    let in_range = |h: &Value| ("2025-01-01"..="2025-02-28").contains(&h["date"].as_str().unwrap());
    assert!(hits.iter().all(in_range), "{hits:?}");
    let backwards = get(&app, "/api/search?since=2025-02-01&until=2025-01-01").await;
    assert_error(&backwards, StatusCode::BAD_REQUEST, "bad_request");

    assert_error(&get(&app, "/api/search?limit=0").await, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(&get(&app, "/api/search?limit=x").await, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(&get(&app, "/api/search?kind=said").await, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(
        &get(&app, "/api/search?since=yesterday").await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_error(
        &get(&app, "/api/search?colour=red").await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
}

#[tokio::test]
async fn articles_and_speakers() {
    let app = common::app(Limits::default());
    let cafe = get(&app, "/api/search?outlet=le%20quotidien&limit=1").await;
    let cafe_id = cafe.json["hits"][0]["article_id"].as_str().unwrap().to_string();
    let article = get(&app, &format!("/api/articles/{cafe_id}")).await;
    assert_eq!(article.status, StatusCode::OK);
    let text = article.json["text"].as_str().unwrap();
    for a in article.json["attributions"].as_array().unwrap() {
        for span in a["content"].as_array().unwrap().iter().chain([&a["cue"], &a["source"]]) {
            if span.is_null() {
                continue;
            }
            let (s, e) =
                (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[s..e], span["text"].as_str().unwrap(), "byte offsets into the text");
        }
    }
    assert_error(&get(&app, "/api/articles/nope").await, StatusCode::NOT_FOUND, "not_found");

    let speakers = get(&app, "/api/speakers?top=3").await;
    let list = speakers.json.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["name"], "Amara Okafor", "{}", speakers.json);
    let okafor = get(
        &app,
        &format!("/api/speakers/{}", list[0]["id"].as_str().unwrap().replace(' ', "%20")),
    )
    .await;
    assert_eq!(okafor.status, StatusCode::OK);
    let months: Vec<&str> = okafor.json["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["2024-11", "2024-12", "2025-01", "2025-02"]);
    assert_error(&get(&app, "/api/speakers/nobody").await, StatusCode::NOT_FOUND, "not_found");
    assert_error(&get(&app, "/api/speakers?top=0").await, StatusCode::BAD_REQUEST, "bad_request");
}

#[tokio::test]
async fn without_a_store_the_corpus_routes_say_so() {
    let app = App::new(std::sync::Arc::new(sayso::Extractor::rules()), None, Limits::default());
    for uri in
        ["/api/search?q=x", "/api/articles/a", "/api/speakers", "/api/speakers/a", "/api/stats"]
    {
        assert_error(&get(&app, uri).await, StatusCode::SERVICE_UNAVAILABLE, "no_store");
    }
    let answer = post_json(&app, "/api/extract", r#"{"text": "“Hi,” she said."}"#).await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_routes_are_json_404s_and_pages_carry_a_strict_policy() {
    let app = common::app(Limits::default());
    assert_error(&get(&app, "/api/nope").await, StatusCode::NOT_FOUND, "not_found");
    assert_error(&get(&app, "/assets/nope.js").await, StatusCode::NOT_FOUND, "not_found");
    let page = get(&app, "/").await;
    assert_eq!(page.status, StatusCode::OK);
    let csp = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let js = get(&app, "/assets/app.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(js.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/javascript"));
}

/// A client that opens a connection and never finishes its headers, or sends nothing at
/// all, is cut off after the header deadline instead of holding the connection for ever;
/// and graceful shutdown still finishes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_or_silent_clients_are_cut_off() {
    let limits = Limits { header_timeout: Duration::from_millis(300), ..Limits::default() };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(sayso_server::serve(listener, common::app(limits), async {
        let _ = stopped.await;
    }));
    let cut_off_after = |first: &'static [u8]| {
        tokio::task::spawn_blocking(move || {
            use std::io::{Read, Write};
            let mut stream = std::net::TcpStream::connect(addr).unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            stream.write_all(first).unwrap();
            let started = std::time::Instant::now();
            let mut answer = Vec::new();
            let closed = stream.read_to_end(&mut answer).is_ok();
            (closed, started.elapsed(), String::from_utf8_lossy(&answer).into_owned())
        })
    };
    for first in [&b"GET /api/stats HTTP/1.1\r\nHo"[..], &b""[..]] {
        let (closed, took, answer) = cut_off_after(first).await.unwrap();
        assert!(closed && took < Duration::from_secs(3), "after {took:?}: {answer:?}");
    }
    // A well-behaved client on a keep-alive connection is served as usual.
    let (_, _, answer) =
        cut_off_after(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(5), server).await.unwrap().unwrap().unwrap();
}
