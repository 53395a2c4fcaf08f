namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// Ordinal comparison of a few characters of two strings: the arguments, options and path parts compared are a few
/// characters long, and a loop over them costs less than <see cref="string.CompareOrdinal(string, int, string, int, int)"/>
/// takes to set up.
/// </summary>
internal static class ShortOrdinal
{
    /// <summary>True when the <paramref name="count"/> characters of <paramref name="a"/> from <paramref name="aStart"/> are those of <paramref name="b"/> from <paramref name="bStart"/> (both in bounds).</summary>
    public static bool Equals(string a, int aStart, string b, int bStart, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (a[aStart + i] != b[bStart + i])
            {
                return false;
            }
        }

        return true;
    }
}
