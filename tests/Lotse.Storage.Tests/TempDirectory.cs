namespace Lotse.Storage.Tests;

/// <summary>A fresh directory under the system temp path, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("lotse-store-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a killed child process may still hold a file for a moment; temp cleanup is best effort
        }
    }
}
