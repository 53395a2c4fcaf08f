using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace DockerGoBuild.Analyzers.PackageTests;

public static class Findings
{
    /// <summary>Asserts that the results are exactly the expected "path(line,col): RULE" entries, each as often as listed.</summary>
    public static void Equal(IEnumerable<SarifResult> results, ConsumerRepository repository, params string[] expected) =>
        Assert.Equal(expected.OrderBy(text => text, StringComparer.Ordinal), repository.Describe(results));
}
