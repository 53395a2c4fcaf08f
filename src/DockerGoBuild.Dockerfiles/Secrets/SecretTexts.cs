using System;
using DockerGoBuild.Dockerfiles.Semantics;

namespace DockerGoBuild.Dockerfiles.Secrets;

/// <summary>
/// DGB031's questions about a name or a value, answered once per distinct text the thread meets and noted with the
/// text's string (see <see cref="StringTable"/>): the build model, which reads every ARG and ENV, answers them as it
/// goes, and the rule reads the answers.
/// </summary>
internal static class SecretTexts
{
    /// <summary>Whether <paramref name="name"/> is a secret's (see <see cref="SecretNames"/>), as noted in <paramref name="noted"/>, its text's facts, or judged and noted there.</summary>
    public static bool IsSecretName(ReadOnlySpan<char> name, ref TextFacts noted)
    {
        if ((noted & TextFacts.SecretNameKnown) == 0)
        {
            noted |= TextFacts.SecretNameKnown | (SecretNames.IsSecretName(name) ? TextFacts.SecretName : TextFacts.None);
        }

        return (noted & TextFacts.SecretName) != 0;
    }

    /// <summary>The kind of credential <paramref name="value"/> holds (see <see cref="SecretValues"/>), if any, as noted in <paramref name="noted"/>, its text's facts, or found and noted there.</summary>
    public static string? Credential(ReadOnlySpan<char> value, ref TextFacts noted)
    {
        if ((noted & TextFacts.CredentialKnown) == 0)
        {
            var found = SecretValues.TryFindCredential(value, out var kind) ? Array.IndexOf(SecretValues.CredentialKinds, kind) + 1 : 0;
            noted |= TextFacts.CredentialKnown | (TextFacts)((uint)found << (int)TextFacts.CredentialShift);
        }

        var index = ((uint)noted >> (int)TextFacts.CredentialShift) & 0xF;
        return index == 0 ? null : SecretValues.CredentialKinds[index - 1];
    }
}
