using System.Runtime.ExceptionServices;

namespace Lode;

/// <summary>
/// An error the engine reports to its user: a missing repository, snapshot or path, a damaged object, a
/// refused operation. The message is one sentence that says what, where and, when there is one, what to do.
/// </summary>
public class LodeException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public LodeException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its message and the failure underneath it.</summary>
    public LodeException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public LodeException() : base("Lode failed.")
    {
    }

    /// <summary>Rethrows the first failure of parallel work (a <see cref="LodeException"/> if there is one) as itself,
    /// so callers see the same typed error as from sequential work.</summary>
    internal static void ThrowFirst(AggregateException failure)
    {
        var inner = failure.Flatten().InnerExceptions;
        ExceptionDispatchInfo.Throw(inner.FirstOrDefault(e => e is LodeException) ?? inner[0]);
    }
}
