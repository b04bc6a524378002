namespace CodeSight.Packaging.Tests.Support;

/// <summary>Finds the repository these tests were built from, by walking up to the solution file.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CodeSight.Actors.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No CodeSight.Actors.sln above {AppContext.BaseDirectory}.");
    }
}
