//! Graceful shutdown: a request in flight when shutdown begins still gets its answer.

use pamong_tests::harness::TestServer;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn read_response(stream: &mut TcpStream) -> String {
    let mut buffer = vec![0u8; 16 * 1024];
    let mut text = String::new();
    while !text.contains("\r\n\r\n") {
        let n = stream.read(&mut buffer).await.expect("read");
        assert!(n > 0, "connection closed before a response: {text:?}");
        text.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    text
}

#[tokio::test]
async fn a_request_in_flight_finishes_after_shutdown_begins() {
    let mut server = TestServer::start().await;
    let host = server.url.trim_start_matches("http://").to_string();
    let mut stream = TcpStream::connect(&host).await.expect("connect");

    // A first request proves the connection has been accepted.
    stream
        .write_all(format!("GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes())
        .await
        .expect("write");
    assert!(read_response(&mut stream).await.starts_with("HTTP/1.1 200"));
    // Drain the small health body if it arrived separately.
    tokio::time::sleep(Duration::from_millis(50)).await;

    // Start a POST and stop half-way through its body.
    let body = "lang=en&next=%2Fmasuk";
    let head = format!(
        "POST /api/set_language HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("write head");
    stream
        .write_all(&body.as_bytes()[..6])
        .await
        .expect("write part of the body");
    tokio::time::sleep(Duration::from_millis(200)).await;

    server.begin_shutdown();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        !server.is_stopped(),
        "the server waits for the request in flight"
    );

    stream
        .write_all(&body.as_bytes()[6..])
        .await
        .expect("write the rest");
    let response = read_response(&mut stream).await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response
            .to_ascii_lowercase()
            .contains("set-cookie: lang=en"),
        "{response}"
    );
    drop(stream);

    // New connections are no longer served once shutdown has begun.
    tokio::time::timeout(Duration::from_secs(10), async {
        while !server.is_stopped() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the server stops once the request is done");
    server.stop().await;
}
