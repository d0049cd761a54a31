using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lotse.Kube.Tests.Infrastructure;

/// <summary>Keeps what the server logs at Warning and above, so a test can show the server-side cause of a 500.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Entries.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
