using System.Net;
using System.Net.Sockets;

namespace CardService.Functions.Tests.Support;

/// <summary>A bare TCP listener that counts accepted connections: proof that a refused fetch connected nowhere.</summary>
public sealed class AcceptCounter : IDisposable
{
    private readonly TcpListener _listener;
    private int _accepted;

    public AcceptCounter(IPAddress address, int port = 0)
    {
        _listener = new TcpListener(address, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref _accepted);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    public void Dispose() => _listener.Stop();
}
