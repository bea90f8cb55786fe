//! Signing up, in and out, activating an account, and changing one's password.

mod activate;
mod change_password;
#[cfg(feature = "ssr")]
pub(crate) mod new_account;
mod sign_in;
mod sign_out;
mod sign_up;

pub use activate::{activate, Activate};
pub use change_password::{change_password, ChangePassword};
pub use sign_in::{sign_in, SignIn};
pub use sign_out::{sign_out, SignOut};
pub use sign_up::{sign_up, SignUp};
