//! The explorer's `POST /api/ensemble` body: whatever the bytes, the parser gives an error
//! naming the field or position, or a request, never a panic.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let _ = web::ensemble::parse_request(data);
    });
}
