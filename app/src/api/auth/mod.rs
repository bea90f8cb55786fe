//! Signing up, in and out, activating an account, resetting a forgotten password, and changing
//! one's password.

mod activate;
mod change_password;
#[cfg(feature = "ssr")]
pub(crate) mod new_account;
mod request_password_reset;
mod reset_password;
mod sign_in;
mod sign_out;
mod sign_up;

pub use activate::{activate, Activate};
pub use change_password::{change_password, ChangePassword};
pub use request_password_reset::{request_password_reset, RequestPasswordReset};
pub use reset_password::{reset_password, ResetPassword};
pub use sign_in::{sign_in, SignIn};
pub use sign_out::{sign_out, SignOut};
pub use sign_up::{sign_up, SignUp};
