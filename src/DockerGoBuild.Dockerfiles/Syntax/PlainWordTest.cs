using System.Numerics;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// Whether a vector of characters are all plain word characters: above ' ', inside printable ASCII, neither quote
/// nor the escape character. The word readers step over most of a word this way, and only its last few characters
/// one at a time.
/// </summary>
internal readonly unsafe struct PlainWordTest
{
    private readonly Vector<short> _escape;

    public PlainWordTest(char escape)
    {
        _escape = new Vector<short>((short)escape);
    }

    /// <summary>True when none of the Vector&lt;short&gt;.Count characters at <paramref name="chars"/> is at or below ' ', outside printable ASCII, a quote or the escape character.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AllPlain(char* chars)
    {
        var vector = *(Vector<short>*)chars;

        // Taking 0x8021 moves ['!', '~'] to the bottom of the signed range, [-0x8000, -0x8000 + 0x5D], and everything
        // else above it.
        var outside = Vector.GreaterThan(vector - new Vector<short>(unchecked((short)0x8021)), new Vector<short>(unchecked((short)0x805D)));
        var quoteOrEscape = Vector.Equals(vector, new Vector<short>((short)'"')) | Vector.Equals(vector, new Vector<short>((short)'\''))
            | Vector.Equals(vector, _escape);
        return (outside | quoteOrEscape) == Vector<short>.Zero;
    }

    /// <summary><see cref="AllPlain"/> of one character.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPlain(char c, char escape) => c > ' ' && c < '\u007F' && c != '"' && c != '\'' && c != escape;
}
