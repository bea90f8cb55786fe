//! The queries of a person's notifications: their list and unread count, marking read, and their
//! channel per kind. Every query names the person: nobody reads or marks another's.

use crate::model::codes::{NotificationChannel, NotificationKind};
use crate::model::notifications::NotificationRow;
use crate::model::Role;
use crate::ssr::db::Db;

/// A page of `user`'s notifications, newest first, and how many they have in all.
pub async fn list(
    db: &Db,
    user: i64,
    limit: i64,
    offset: i64,
) -> Result<(Vec<NotificationRow>, i64), sqlx::Error> {
    let items = sqlx::query_as(
        "select n.id, n.kind, a.name as actor_name, n.subject, n.detail, n.link, n.created_at, \
         n.read_at from notification n left join app_user a on a.id = n.actor_id \
         where n.user_id = $1 order by n.id desc limit $2 offset $3",
    )
    .bind(user)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) = sqlx::query_as("select count(*) from notification where user_id = $1")
        .bind(user)
        .fetch_one(db)
        .await?;
    Ok((items, total))
}

/// `user`'s unread notifications, counted up to `cap` (the bell shows `99+` from there on).
pub async fn unread(db: &Db, user: i64, cap: i64) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "select count(*) from (select 1 from notification where user_id = $1 \
         and read_at is null limit $2) unread",
    )
    .bind(user)
    .bind(cap)
    .fetch_one(db)
    .await?;
    Ok(count)
}

/// Marks notification `id` of `user` read. False when `user` has no notification `id` (someone
/// else's is the same as none); true also when it was read already.
pub async fn mark_read(db: &Db, user: i64, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let found = sqlx::query(
        "update notification set read_at = coalesce(read_at, $3) where id = $1 and user_id = $2",
    )
    .bind(id)
    .bind(user)
    .bind(now)
    .execute(db)
    .await?
    .rows_affected();
    Ok(found == 1)
}

/// Marks every notification of `user` read; returns how many were unread.
pub async fn mark_all_read(db: &Db, user: i64, now: i64) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("update notification set read_at = $2 where user_id = $1 and read_at is null")
            .bind(user)
            .bind(now)
            .execute(db)
            .await?
            .rows_affected(),
    )
}

/// `user`'s channel for every kind, in `NotificationKind::ALL` order (their role's default where
/// they chose none).
pub async fn channels(
    db: &Db,
    user: i64,
    role: Role,
) -> Result<Vec<(NotificationKind, NotificationChannel)>, sqlx::Error> {
    let chosen: Vec<(NotificationKind, NotificationChannel)> =
        sqlx::query_as("select kind, channel from notification_pref where user_id = $1")
            .bind(user)
            .fetch_all(db)
            .await?;
    let default = NotificationChannel::default_for(role);
    Ok(NotificationKind::ALL
        .iter()
        .map(|kind| {
            let channel = chosen
                .iter()
                .find(|(k, _)| k == kind)
                .map_or(default, |(_, c)| *c);
            (*kind, channel)
        })
        .collect())
}

/// Sets `user`'s channel for each of `choices`, in one transaction.
pub async fn set_channels(
    db: &Db,
    user: i64,
    choices: &[(NotificationKind, NotificationChannel)],
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    for (kind, channel) in choices {
        sqlx::query(
            "insert into notification_pref (user_id, kind, channel, updated_at) \
             values ($1, $2, $3, $4) on conflict (user_id, kind) \
             do update set channel = excluded.channel, updated_at = excluded.updated_at",
        )
        .bind(user)
        .bind(*kind)
        .bind(*channel)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}
