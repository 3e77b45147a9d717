using System.Runtime.InteropServices;

namespace Lode.IO;

/// <summary>
/// User and group names of this system, through the C library's reentrant lookups (<c>getpwuid_r(3)</c> and
/// friends), so every name service the system is configured with (files, LDAP, systemd) answers. Each call is one
/// lookup: callers that ask about many files cache the answers. Thread-safe.
/// </summary>
public static class Accounts
{
    private const int Retry = 34; // ERANGE: the buffer is too small for the entry
    private const int MaxBuffer = 1 << 20;

    private enum Query
    {
        UserById,
        GroupById,
        UserByName,
        GroupByName,
    }

    /// <summary>The name of user <paramref name="userId"/>, or null when the system knows no such user.</summary>
    public static string? UserName(uint userId) => Lookup(Query.UserById, userId, null).Name;

    /// <summary>The name of group <paramref name="groupId"/>, or null when the system knows no such group.</summary>
    public static string? GroupName(uint groupId) => Lookup(Query.GroupById, groupId, null).Name;

    /// <summary>The id of the user named <paramref name="name"/>, or null when there is none.</summary>
    public static uint? UserId(string name) => NameToId(Query.UserByName, name);

    /// <summary>The id of the group named <paramref name="name"/>, or null when there is none.</summary>
    public static uint? GroupId(string name) => NameToId(Query.GroupByName, name);

    private static uint? NameToId(Query query, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var found = Lookup(query, 0, name);
        return found.Name is null ? null : found.Id;
    }

    /// <summary>Runs one lookup, growing the buffer on ERANGE; other failures count as "not found", as <c>ls</c> does.
    /// Both <c>struct passwd</c> and <c>struct group</c> start with the name pointer, then a password pointer, then
    /// the id.</summary>
    private static unsafe (string? Name, uint Id) Lookup(Query query, uint id, string? name)
    {
        byte* entry = stackalloc byte[128];
        for (int length = 1024; length <= MaxBuffer; length *= 4)
        {
            byte[] buffer = new byte[length];
            nint result = 0;
            int error;
            fixed (byte* text = buffer)
            {
                error = query switch
                {
                    Query.UserById => NativeMethods.GetPwUid(id, entry, text, (nuint)length, &result),
                    Query.GroupById => NativeMethods.GetGrGid(id, entry, text, (nuint)length, &result),
                    Query.UserByName => NativeMethods.GetPwNam(name!, entry, text, (nuint)length, &result),
                    _ => NativeMethods.GetGrNam(name!, entry, text, (nuint)length, &result),
                };
                if (error == 0 && result != 0)
                {
                    return (Marshal.PtrToStringUTF8(*(nint*)entry), *(uint*)(entry + 2 * sizeof(nint)));
                }
            }
            if (error != Retry)
            {
                break;
            }
        }
        return (null, 0);
    }
}
