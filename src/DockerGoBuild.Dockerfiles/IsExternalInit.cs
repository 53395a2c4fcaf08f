namespace System.Runtime.CompilerServices;

/// <summary>Lets this netstandard2.0 library declare init-only members (the type ships with .NET 5 and later only).</summary>
internal static class IsExternalInit
{
}
