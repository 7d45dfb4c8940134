// Precompiled for every test: the heavy, stable headers only.
#pragma once
#include <catch2/catch.hpp>

#include "catch_result.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <chrono>
#include <string>
#include <vector>
