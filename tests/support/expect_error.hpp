#pragma once
// expect_error<E>(f, needle): f must throw E, and E's message must contain needle. Any other
// exception escapes and fails the test.
#include <gtest/gtest.h>
#include <string>

namespace einspan_test {

template <class E, class F>
void expect_error(F&& f, const std::string& needle) {
  try {
    f();
    ADD_FAILURE() << "expected an exception mentioning: " << needle;
  } catch (const E& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << "message: " << e.what();
  }
}

}  // namespace einspan_test
