namespace Lode;

/// <summary>Who owned an entry when it was snapshotted: the numeric ids, and their names on the snapshotted system
/// when it had any (a restore as root prefers the names, as tar does, and falls back to the ids).</summary>
/// <param name="UserId">The owner's user id.</param>
/// <param name="GroupId">The owner's group id.</param>
/// <param name="UserName">The user's name (at most 255 UTF-8 bytes), or null when the system had none for the id.</param>
/// <param name="GroupName">The group's name (at most 255 UTF-8 bytes), or null when the system had none.</param>
public sealed record FileOwner(uint UserId, uint GroupId, string? UserName, string? GroupName);
