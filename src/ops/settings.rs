//! Settings kept with the story (`claimtrack config`): who publishes the reviews, and where.

use anyhow::Result;

use crate::model::{Setting, rules};
use crate::store::Txn;

/// Set a setting; returns the value as stored (trimmed).
pub fn set(txn: &mut dyn Txn, setting: Setting, value: &str) -> Result<String> {
    let value = rules::check_setting(setting, value)?;
    txn.set_setting(setting.as_str(), value)?;
    Ok(value.to_string())
}

pub fn get(txn: &mut dyn Txn, setting: Setting) -> Result<Option<String>> {
    Ok(txn.setting(setting.as_str())?)
}

/// A value given for this run wins over the stored one; either is checked.
pub fn given_or_stored(txn: &mut dyn Txn, setting: Setting, given: Option<&str>) -> Result<Option<String>> {
    match given {
        Some(value) => Ok(Some(rules::check_setting(setting, value)?.to_string())),
        None => get(txn, setting),
    }
}
