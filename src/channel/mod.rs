//! The edges: each channel turns its platform's updates into
//! [`Incoming`](crate::conversation::Incoming) and renders
//! [`Reply`](crate::conversation::Reply) values with its own widgets.

pub mod console;
pub mod queue;
pub mod render;
pub mod telegram;
pub mod viber;
