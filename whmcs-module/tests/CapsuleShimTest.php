<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\Fixtures;
use WHMCS\Database\Capsule;

/** The Capsule stand-in answers the query-builder chains the module uses like Laravel's builder. */
final class CapsuleShimTest extends WhmcsTestCase
{
    protected function setUp(): void
    {
        parent::setUp();
        $this->useDatabase();
    }

    public function testChains(): void
    {
        Fixtures::addonSettings(['service_url' => 'http://a', 'shared_secret' => 's1']);
        Fixtures::addonSettings(['service_url' => 'http://other'], 'othermodule');

        self::assertSame(['service_url' => 'http://a', 'shared_secret' => 's1'],
            Capsule::table('tbladdonmodules')->where('module', 'routerbridgeaddon')->pluck('value', 'setting')->all());
        self::assertSame(['http://a', 's1'], Capsule::table('tbladdonmodules')->where('module', 'routerbridgeaddon')->pluck('value')->all());
        self::assertSame('http://other', Capsule::table('tbladdonmodules')->where('module', 'othermodule')->value('value'));
        self::assertNull(Capsule::table('tbladdonmodules')->where('module', 'nobody')->first());
        self::assertSame(1, Capsule::table('tbladdonmodules')->where('module', '=', 'routerbridgeaddon')->where('setting', 'shared_secret')
            ->update(['value' => 's2']));
        self::assertSame('s2', Capsule::table('tbladdonmodules')->where('setting', 'shared_secret')->first()->value);
    }
}
