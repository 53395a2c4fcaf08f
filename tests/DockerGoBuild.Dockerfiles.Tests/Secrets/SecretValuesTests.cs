using DockerGoBuild.Dockerfiles.Secrets;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Secrets;

public class SecretValuesTests
{
    // Fake credentials, split so that secret scanners do not report this file.
    private const string Twenty = "abcdefghij0123456789";
    private const string ThirtySix = "abcdefghijklmnopqrstuvwxyz0123456789";

    [Theory]
    [InlineData("ghp" + "_" + Twenty, "GitHub token")]
    [InlineData("gho" + "_" + Twenty + "XYZ", "GitHub token")]
    [InlineData("token=ghs" + "_" + Twenty + ";", "GitHub token")]
    [InlineData("github" + "_pat_" + "11AAAAAAA_" + Twenty, "GitHub fine-grained token")]
    [InlineData("glpat" + "-" + "abc_def-" + Twenty, "GitLab token")]
    [InlineData("AKIA" + "IOSFODNN7EXAMPLE", "AWS access key id")]
    [InlineData("--key AKIA" + "IOSFODNN7EXAMPLE --region x", "AWS access key id")]
    [InlineData("xoxb" + "-1234567890", "Slack token")]
    [InlineData("xoxp" + "-12-34-56-ab", "Slack token")]
    [InlineData("xoxa" + "-abcdefghij", "Slack token")]
    [InlineData("xoxr" + "-abcdefghij", "Slack token")]
    [InlineData("xoxs" + "-abcdefghij", "Slack token")]
    [InlineData("token: xoxb" + "-1234567890", "Slack token")]
    [InlineData("//registry.npmjs.org/:_authToken=npm" + "_" + ThirtySix, "npm token")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=x;AccountKey" + "=abc+/def" + Twenty + "==", "Azure storage account key")]
    [InlineData("-----BEGIN " + "PRIVATE KEY-----", "private key")]
    [InlineData("x -----BEGIN " + "RSA PRIVATE KEY-----\nMIIE", "private key")]
    [InlineData("-----BEGIN " + "OPENSSH PRIVATE KEY-----", "private key")]
    [InlineData("-----BEGIN " + "EC2 PRIVATE KEY-----", "private key")]
    public void Credentials_are_found_anywhere_in_the_value(string value, string expectedKind)
    {
        Assert.True(SecretValues.TryFindCredential(value, out var kind));
        Assert.Equal(expectedKind, kind);
        Assert.DoesNotContain(kind, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ghp_xxx")]
    [InlineData("ghp" + "_abcdefghij012345678")]
    [InlineData("ghx" + "_" + Twenty)]
    [InlineData("ghp" + "-" + Twenty)]
    [InlineData("github" + "_pat_xxx")]
    [InlineData("glpat" + "-xxxxxxxx")]
    [InlineData("AKIA" + "IOSFODNN7EXAMP")]
    [InlineData("AKIA" + "iosfodnn7example")]
    [InlineData("xoxz" + "-1234567890")]
    [InlineData("xoxb" + "-12345")]
    [InlineData("xoxb" + "-123456789")]
    [InlineData("token: xoxb" + "-123456789")]
    [InlineData("xoxb" + "_1234567890")]
    [InlineData("npm" + "_" + Twenty)]
    [InlineData("AccountKey=" + "short")]
    [InlineData("accountkey=" + Twenty)]
    [InlineData("-----BEGIN " + "PUBLIC KEY-----")]
    [InlineData("-----BEGIN " + "CERTIFICATE-----")]
    [InlineData("-----BEGIN " + "PRIVATE KEY")]
    [InlineData("-----BEGIN " + "PRIVATE KEY----")]
    [InlineData("-----BEGIN " + "private key-----")]
    [InlineData("-----BEGIN " + "PRIVATE KEY BLOB-----")]
    [InlineData("${GITHUB_TOKEN}")]
    [InlineData("https://example.com/download")]
    public void Placeholders_and_other_values_are_not_credentials(string value)
    {
        Assert.False(SecretValues.TryFindCredential(value, out var kind));
        Assert.Equal(string.Empty, kind);
    }

    [Theory]
    [MemberData(nameof(OddInputs.Strings), MemberType = typeof(OddInputs))]
    public void Odd_values_do_not_throw(string value)
    {
        SecretValues.TryFindCredential(value, out _);
    }

    [Theory]
    [MemberData(nameof(OddInputs.Adversarial), MemberType = typeof(OddInputs))]
    public void Long_values_take_linear_time(string pattern)
    {
        OddInputs.CompletesQuickly(pattern, value => SecretValues.TryFindCredential(value, out _));
    }
}
