<?php

namespace RouterBridge\Tests\Harness;

final class Ports
{
    /** A loopback TCP port the OS just handed out and released (port 0 trick). */
    public static function free(): int
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0');
        $name = stream_socket_get_name($socket, false);
        fclose($socket);
        return (int) substr($name, strrpos($name, ':') + 1);
    }
}
