#pragma once
/// A small, allocation-free callable for the event calendar.
///
/// Events are the hot path: millions a second. A std::function would allocate and
/// move through a vtable; instead a Callback stores any trivially copyable callable of
/// up to 24 bytes inline (a `this` pointer and two ids fit), so heap sifts are memcpy.

#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace flowlab::kernel {

class Callback {
public:
    static constexpr std::size_t capacity = 24;

    Callback() = default;

    /// Stores `f` in place (no temporary Callback: this is on the hot path).
    template <class F>
    void emplace(F f) {
        static_assert(std::is_trivially_copyable_v<F>,
                      "event callables must be trivially copyable");
        static_assert(sizeof(F) <= capacity, "event callables must fit in 24 bytes");
        static_assert(alignof(F) <= 8);
        ::new (static_cast<void*>(storage_)) F(f);
        invoke_ = [](void* s) { (*std::launder(reinterpret_cast<F*>(s)))(); };
    }

    void operator()() { invoke_(storage_); }
    explicit operator bool() const { return invoke_ != nullptr; }

private:
    using Invoke = void (*)(void*);
    Invoke invoke_ = nullptr;
    alignas(8) unsigned char storage_[capacity];  // left uninitialised: always written before use
};

static_assert(std::is_trivially_copyable_v<Callback>);

}  // namespace flowlab::kernel
