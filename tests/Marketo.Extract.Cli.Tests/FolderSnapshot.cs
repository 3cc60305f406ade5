namespace Marketo.Extract.Cli.Tests;

/// <summary>The names and bytes of every file in a folder, to prove that a failed run changed nothing.</summary>
internal sealed record FolderSnapshot(IReadOnlyDictionary<string, byte[]> Files)
{
    public static FolderSnapshot Take(string folder, bool includeHidden = true) => new(
        Directory.EnumerateFiles(folder)
            .Where(path => includeHidden || !Path.GetFileName(path).StartsWith('.'))
            .ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes, StringComparer.Ordinal));

    public static void CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
    }

    public void AssertSame(FolderSnapshot after)
    {
        Assert.That(after.Files.Keys, Is.EquivalentTo(Files.Keys), "the files in the folder");
        foreach (var (name, bytes) in Files)
        {
            Assert.That(after.Files[name], Is.EqualTo(bytes), $"the bytes of {name}");
        }
    }
}
