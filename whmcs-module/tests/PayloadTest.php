<?php

namespace RouterBridge\Tests;

require_once ROOTDIR . '/modules/servers/routerbridge/lib/ServiceClient.php';

use RouterBridge\Payload;

final class PayloadTest extends WhmcsTestCase
{
    public function testObjectsAreRemovedAtAnyDepth(): void
    {
        $params = [
            'serviceid' => 7,
            'model' => new \WHMCS\Service\Service(['id' => 7]),
            'clientsdetails' => ['email' => 'a@b.test', 'model' => new \WHMCS\User\Client(['id' => 1])],
            'nested' => [['handle' => new \stdClass(), 'keep' => 1]],
        ];
        self::assertSame(
            ['serviceid' => 7, 'clientsdetails' => ['email' => 'a@b.test'], 'nested' => [['keep' => 1]]],
            Payload::strip($params)
        );
    }

    public function testEmptyMapsAreJsonObjectsAndListsStayLists(): void
    {
        $json = Payload::toJson(['customfields' => [], 'configoptions' => [], 'clientsdetails' => [], 'ips' => [], 'model' => new \stdClass()]);
        self::assertSame('{"customfields":{},"configoptions":{},"clientsdetails":{},"ips":[]}', $json);
        self::assertSame('{}', Payload::toJson([]));
        self::assertSame('{}', Payload::toJson(['model' => new \stdClass()]));
    }

    public function testValuesSurviveTheRoundTrip(): void
    {
        $params = ['password' => "p!w=\"x' \\ é/ß\n", 'serversecure' => true, 'qty' => 1, 'amount' => 10.0, 'domain' => ''];
        self::assertSame($params, json_decode(Payload::toJson($params), true));
    }
}
